import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AiSystemEntity, ModelType } from '../ai-systems/ai-system.entity.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unknownReference, validationFailed } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DEFAULT_SUBMISSION_WINDOW_DAYS } from '../domain/monitoring/periods.js';
import { proposePlan, type RunBasis } from '../domain/monitoring/plan-proposal.js';
import { resolveMetricKey } from '../domain/monitoring/metric-catalogue.js';
import { UserEntity } from '../users/user.entity.js';
import { ValidationRunEntity } from '../validation/validation-run.entity.js';
import type { MonitoringPlanRequest } from './dto/monitoring-plan.dto.js';
import { MonitoringPlanEntity, type PlanMetric } from './monitoring-plan.entity.js';
import { checkPlanMetrics } from './plan-metrics.js';

export interface PlanState {
  active: MonitoringPlanEntity | null;
  proposed: MonitoringPlanEntity | null;
}

/** Monitoring plans: versions written by a risk manager and put in force by another. */
@Injectable()
export class MonitoringPlansService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async system(aiSystemId: string): Promise<AiSystemEntity> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) throw notFound('AI system');
    return system;
  }

  async state(aiSystemId: string, manager: EntityManager = this.db.manager): Promise<PlanState> {
    const plans = await manager.find(MonitoringPlanEntity, { where: { aiSystemId, status: In(['active', 'proposed']) } });
    return { active: plans.find((p) => p.status === 'active') ?? null, proposed: plans.find((p) => p.status === 'proposed') ?? null };
  }

  async read(aiSystemId: string): Promise<PlanState> {
    await this.system(aiSystemId);
    return this.state(aiSystemId);
  }

  /** A new version, waiting for approval; a proposal not yet approved is withdrawn by it. */
  async propose(actor: Actor, aiSystemId: string, body: MonitoringPlanRequest): Promise<MonitoringPlanEntity> {
    await this.system(aiSystemId);
    const { metrics, errors } = checkPlanMetrics(body.metrics);
    if (errors.length) throw validationFailed(errors, `The monitoring plan is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    await this.checkPeople(metrics);
    return this.uow.run(actor, async (work) => {
      await work.manager.query('SELECT id FROM ai_systems WHERE id = $1 FOR UPDATE', [aiSystemId]);
      const [{ latest }] = await work.manager.query('SELECT coalesce(max(version), 0)::int AS latest FROM monitoring_plans WHERE ai_system_id = $1', [aiSystemId]);
      const withdrawn = await work.manager.update(MonitoringPlanEntity, { aiSystemId, status: 'proposed' }, { status: 'withdrawn' });
      const plan = await work.manager.save(
        work.manager.create(MonitoringPlanEntity, { aiSystemId, version: latest + 1, status: 'proposed', metrics, submissionWindowDays: body.submissionWindowDays ?? DEFAULT_SUBMISSION_WINDOW_DAYS, authoredBy: actor.userId }),
      );
      work.audit({
        action: 'monitoring_plan.proposed',
        entityType: 'monitoring_plan',
        entityId: plan.id,
        changes: { aiSystemId: { before: null, after: aiSystemId }, version: { before: null, after: plan.version }, metrics: { before: null, after: metrics }, withdrawnProposals: { before: null, after: withdrawn.affected ?? 0 } },
      });
      return plan;
    });
  }

  /**
   * Puts the proposed version in force. Four eyes: the thresholds decide when findings and
   * reassessments are raised, so the risk manager who wrote them does not approve them.
   */
  async approve(actor: Actor, aiSystemId: string, version: number): Promise<MonitoringPlanEntity> {
    await this.system(aiSystemId);
    return this.uow.run(actor, async (work) => {
      await work.manager.query('SELECT id FROM ai_systems WHERE id = $1 FOR UPDATE', [aiSystemId]);
      const { active, proposed } = await this.state(aiSystemId, work.manager);
      if (!proposed) throw conflict('no_proposed_plan', 'There is no proposed monitoring plan to approve', { currentVersion: active?.version ?? null });
      if (proposed.version !== version) throw conflict('plan_changed', `Version ${version} is not the proposed one: version ${proposed.version} is`, { proposedVersion: proposed.version });
      if (proposed.authoredBy === actor.userId) throw conflict('four_eyes', 'The risk manager who wrote the plan cannot approve it: a second, different one does');
      if (active) await work.manager.update(MonitoringPlanEntity, { id: active.id }, { status: 'superseded' });
      const activeFrom = this.clock.today();
      await work.manager.update(MonitoringPlanEntity, { id: proposed.id }, { status: 'active', approvedBy: actor.userId, approvedAt: this.clock.now(), activeFrom });
      work.audit({
        action: 'monitoring_plan.approved',
        entityType: 'monitoring_plan',
        entityId: proposed.id,
        changes: { status: { before: 'proposed', after: 'active' }, version: { before: active?.version ?? null, after: proposed.version }, activeFrom: { before: null, after: activeFrom } },
      });
      return work.manager.findOneByOrFail(MonitoringPlanEntity, { id: proposed.id });
    });
  }

  /** Owners and escalation contacts are active staff users: a vendor user is never told of a colour. */
  private async checkPeople(metrics: PlanMetric[]): Promise<void> {
    const ids = [...new Set(metrics.flatMap((m) => [m.ownerId, m.escalationContactId]))];
    const users = await this.db.getRepository(UserEntity).findBy({ id: In(ids) });
    const usable = new Set(users.filter((u) => u.role !== Role.Vendor && !u.disabledAt).map((u) => u.id));
    metrics.forEach((m, i) => {
      if (!usable.has(m.ownerId)) throw unknownReference(`metrics[${i}].ownerId`, 'active staff user');
      if (!usable.has(m.escalationContactId)) throw unknownReference(`metrics[${i}].escalationContactId`, 'active staff user');
    });
  }

  /** A starting plan from the tier, the model type and the last finished validation run; the caller owns it. */
  async proposal(actor: Actor, aiSystemId: string): Promise<{ metrics: PlanMetric[]; reasons: string[] }> {
    const system = await this.system(aiSystemId);
    const run = await this.db.getRepository(ValidationRunEntity).findOne({ where: { aiSystemId, status: 'done' }, order: { createdAt: 'DESC' } });
    const { metrics, reasons } = proposePlan({ tier: system.inherentTier, generative: system.modelType === ModelType.Generative, run: run ? runBasis(run) : null });
    const person = actor.userId ?? '';
    return {
      metrics: metrics.map((m) => {
        const resolved = resolveMetricKey(m.key);
        return { ...m, unit: 'metric' in resolved ? resolved.metric.unit : '', ownerId: person, escalationContactId: person };
      }),
      reasons,
    };
  }
}

function runBasis(run: ValidationRunEntity): RunBasis {
  const results = (run.results ?? {}) as { performance?: { auc?: number | null }; fairness?: { column: string }[]; categories?: { category: string; failureRate: number }[] };
  return {
    kind: run.kind,
    auc: typeof results.performance?.auc === 'number' ? results.performance.auc : null,
    fairnessColumns: (results.fairness ?? []).map((f) => f.column).filter((c) => !c.includes(' × ')),
    categories: results.categories ?? [],
  };
}
