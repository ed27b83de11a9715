import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../common/errors.js';
import { keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { AWAITING_RETEST, RETEST_FROM } from '../domain/finding-state.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { ConditionEntity, type ConditionStatus } from './condition.entity.js';
import type { ConditionListQuery, ConditionMove, UpdateConditionRequest } from './dto/decision.dto.js';

@Injectable()
export class ConditionsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Soonest due first. */
  list(query: ConditionListQuery): Promise<Page<ConditionEntity>> {
    const qb = this.db.getRepository(ConditionEntity).createQueryBuilder('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.aiSystemId) qb.andWhere('c.ai_system_id = :aiSystemId', { aiSystemId: query.aiSystemId });
    if (query.assessmentId) qb.andWhere('c.assessment_id = :assessmentId', { assessmentId: query.assessmentId });
    if (query.ownerId) qb.andWhere('c.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.overdue) qb.andWhere(query.overdue === 'true' ? "c.status IN ('open', 'proposed_met') AND c.due_date < :today" : "NOT (c.status IN ('open', 'proposed_met') AND c.due_date < :today)", { today: this.clock.today() });
    return keysetPage(qb, { sortColumn: 'c.due_date', idColumn: 'c.id', position: (c) => ({ at: c.dueDate, id: c.id }) }, query);
  }

  async get(id: string): Promise<ConditionEntity> {
    const condition = await this.db.getRepository(ConditionEntity).findOneBy({ id });
    if (!condition) throw notFound('Condition');
    return condition;
  }

  /**
   * Procurement proposes a condition met; a risk manager confirms it (met), sends it back (open)
   * or waives it. Meeting it sends the findings it covers to retest.
   */
  resolve(actor: Actor, principal: Principal, id: string, request: UpdateConditionRequest, ifMatch: string | undefined): Promise<ConditionEntity> {
    if (request.status !== 'proposed_met' && principal.role !== Role.RiskManager) {
      throw forbidden(`Only a risk manager may set a condition ${request.status}; procurement proposes it met (proposed_met)`);
    }
    return this.uow.run(actor, async (work) => {
      const condition = await work.manager.findOne(ConditionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!condition) throw notFound('Condition');
      assertIfMatch(ifMatch, entityTag(condition.version));
      const before = condition.status;
      if (!MOVES[request.status].includes(before)) throw conflict('invalid_transition', `A condition that is ${before} cannot become ${request.status}`, { currentState: before });
      const evidenceIds = await this.checkEvidence(work, condition, request.evidenceIds ?? []);
      if (request.status === 'met' || request.status === 'proposed_met') await this.refuseOnlyRejectedProof(work, condition, evidenceIds);
      const resolved = request.status === 'met' || request.status === 'waived';
      Object.assign(condition, {
        status: request.status,
        resolutionNote: request.note,
        evidenceIds: [...new Set([...condition.evidenceIds, ...evidenceIds])],
        ...(request.status === 'proposed_met' ? { proposedBy: actor.userId } : {}),
        ...(resolved ? { resolvedBy: actor.userId, resolvedAt: this.clock.now() } : { resolvedBy: null, resolvedAt: null }),
      });
      const saved = await work.manager.save(condition);
      await this.followOnSystem(work, saved);
      work.audit({
        action: `condition.${request.status}`,
        entityType: 'condition',
        entityId: id,
        changes: { status: { before, after: request.status }, note: { before: null, after: request.note }, evidenceIds: { before: [], after: evidenceIds } },
      });
      if (request.status === 'met') await this.sendToRetest(work, saved);
      return saved;
    });
  }

  private async checkEvidence(work: Work, condition: ConditionEntity, requested: string[]): Promise<string[]> {
    const evidenceIds = [...new Set(requested)];
    if (!evidenceIds.length) return [];
    const found = await work.manager.findBy(EvidenceEntity, { id: In(evidenceIds), assessmentId: condition.assessmentId });
    const missing = evidenceIds.filter((e) => !found.some((f) => f.id === e));
    if (missing.length) throw validationFailed(missing.map((e) => ({ field: 'evidenceIds', message: `${e} is not evidence of this assessment` })));
    const rejected = found.filter((f) => f.reviewStatus === 'rejected').map((f) => f.id);
    if (rejected.length) throw evidenceRejected(rejected);
    return evidenceIds;
  }

  /** A condition whose every piece of evidence was rejected has no proof: the vendor sends a replacement first. */
  private async refuseOnlyRejectedProof(work: Work, condition: ConditionEntity, added: string[]): Promise<void> {
    if (added.length || !condition.evidenceIds.length) return;
    const kept = await work.manager.findBy(EvidenceEntity, { id: In(condition.evidenceIds) });
    if (kept.every((e) => e.reviewStatus === 'rejected')) throw evidenceRejected(kept.map((e) => e.id));
  }

  private async followOnSystem(work: Work, condition: ConditionEntity): Promise<void> {
    const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: condition.aiSystemId });
    const conditions = system.approvalConditions.map((c) => ((c as { id?: string }).id === condition.id ? { ...c, status: condition.status } : c));
    await work.manager.update(AiSystemEntity, { id: system.id }, { approvalConditions: conditions as never });
  }

  /** The covered findings that are still open or planned become remediated, waiting for the retest that closes them. */
  private async sendToRetest(work: Work, condition: ConditionEntity): Promise<void> {
    if (!condition.findingIds.length) return;
    const findings = await work.manager.find(FindingEntity, { where: { id: In(condition.findingIds), status: In([...RETEST_FROM]) }, lock: { mode: 'pessimistic_write' } });
    for (const finding of findings) {
      const before = finding.status;
      finding.status = AWAITING_RETEST;
      await work.manager.save(finding);
      work.audit({ action: 'finding.updated', entityType: 'finding', entityId: finding.id, changes: { status: { before, after: AWAITING_RETEST }, conditionId: { before: null, after: condition.id } } });
    }
  }
}

/** Which state each move may start from. */
const MOVES: Record<ConditionMove, ConditionStatus[]> = {
  proposed_met: ['open'],
  met: ['open', 'proposed_met'],
  waived: ['open', 'proposed_met'],
  open: ['proposed_met'],
};

const evidenceRejected = (evidenceIds: string[]) =>
  unprocessable('evidence_rejected', `Rejected evidence is no proof that the condition is met: ${evidenceIds.join(', ')}`, { evidenceIds });
