import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentAccess, assertCan } from '../assessments/assessment-access.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, forbidden, unprocessable, validationFailed } from '../common/errors.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { UNRESOLVED } from '../domain/finding-state.js';
import { addMonths, parseCadence } from '../domain/reassessment-cadence.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { decisionMail } from '../notifications/templates.js';
import { UserEntity } from '../users/user.entity.js';
import { ConditionEntity } from './condition.entity.js';
import { DecisionEntity } from './decision.entity.js';
import type { DecisionRequest } from './dto/decision.dto.js';

const today = () => new Date().toISOString().slice(0, 10);

export interface DecisionOutcomeView {
  decision: DecisionEntity;
  conditions: ConditionEntity[];
}

@Injectable()
export class DecisionsService {
  private readonly cadence = parseCadence(process.env.REASSESSMENT_MONTHS);

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly notifications: NotificationsService,
  ) {}

  async get(principal: Principal, assessmentId: string): Promise<DecisionOutcomeView | null> {
    await this.access.load(principal, assessmentId);
    const decision = await this.db.getRepository(DecisionEntity).findOneBy({ assessmentId });
    if (!decision) return null;
    return { decision, conditions: await this.db.getRepository(ConditionEntity).find({ where: { decisionId: decision.id }, order: { dueDate: 'ASC', id: 'ASC' } }) };
  }

  /**
   * Decides an assessment in review. The assessment row is locked, so of simultaneous requests
   * exactly one decides and the others find it decided. On a critical tier the first call is
   * recorded as pending and a second, different risk manager confirms it with the same call.
   */
  decide(actor: Actor, principal: Principal, id: string, request: DecisionRequest, ifMatch: string | undefined): Promise<DecisionOutcomeView> {
    checkConditions(request);
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      assertIfMatch(ifMatch, entityTag(assessment.version));
      assertCan(assessment, request.outcome);
      if (assessment.requestedBy === actor.userId) throw forbidden('Separation of duties: the requester of the intake cannot decide its assessment');
      if (request.outcome === 'approved') await this.assertNoBlockingFindings(work, id);
      const pending = await work.manager.findOneBy(DecisionEntity, { assessmentId: id });
      if (pending) return this.confirm(work, assessment, pending, request);
      const decision = await work.manager.save(work.manager.create(DecisionEntity, this.newDecision(assessment, request, actor.userId!)));
      work.audit({
        action: 'decision.recorded',
        entityType: 'assessment',
        entityId: id,
        changes: { outcome: { before: null, after: decision.outcome }, decisionStatus: { before: null, after: decision.status } },
      });
      if (decision.status === 'final') return this.finalise(work, assessment, decision);
      // A pending decision still changes the assessment, so a stale ETag cannot confirm it unseen.
      await work.manager.increment(AssessmentEntity, { id }, 'version', 1);
      return { decision, conditions: [] };
    });
  }

  private newDecision(assessment: AssessmentEntity, request: DecisionRequest, userId: string): Partial<DecisionEntity> {
    const score = assessment.score!;
    return {
      assessmentId: assessment.id,
      outcome: request.outcome,
      status: assessment.inherentTier === 'critical' ? 'pending_confirmation' : 'final',
      rationale: request.rationale,
      proposedConditions: (request.conditions ?? []).map((c) => ({ text: c.text, dueDate: c.dueDate, ownerId: c.owner ?? null })),
      decidedBy: userId,
      residualRisk: score.residualRisk,
      controlScore: score.controlScore === null ? null : String(score.controlScore),
      score,
      validUntil: request.outcome === 'rejected' ? null : addMonths(today(), this.cadence[assessment.inherentTier]),
    };
  }

  private async confirm(work: Work, assessment: AssessmentEntity, pending: DecisionEntity, request: DecisionRequest): Promise<DecisionOutcomeView> {
    if (pending.decidedBy === work.actor.userId) {
      throw conflict('four_eyes', 'A critical-tier decision must be confirmed by a second, different risk manager');
    }
    if (pending.outcome !== request.outcome) {
      throw conflict('decision_mismatch', `The pending decision is ${pending.outcome}; confirm it with the same outcome or leave it`, { pendingOutcome: pending.outcome });
    }
    pending.status = 'final';
    pending.confirmedBy = work.actor.userId;
    work.audit({ action: 'decision.confirmed', entityType: 'assessment', entityId: assessment.id, changes: { decisionStatus: { before: 'pending_confirmation', after: 'final' } } });
    return this.finalise(work, assessment, await work.manager.save(pending));
  }

  /** Closes the assessment, creates the tracked conditions and updates the AI system's approval. */
  private async finalise(work: Work, assessment: AssessmentEntity, decision: DecisionEntity): Promise<DecisionOutcomeView> {
    const before = assessment.status;
    assessment.status = decision.outcome;
    assessment.decidedAt = new Date();
    decision.finalisedAt = assessment.decidedAt;
    await work.manager.save(decision);
    await work.manager.save(assessment);
    const conditions = await work.manager.save(
      work.manager.create(
        ConditionEntity,
        decision.proposedConditions.map((c) => ({ decisionId: decision.id, assessmentId: assessment.id, aiSystemId: assessment.aiSystemId, text: c.text, dueDate: c.dueDate, ownerId: c.ownerId ?? null })),
      ),
    );
    const system = await work.manager.findOneByOrFail(AiSystemEntity, { id: assessment.aiSystemId });
    const approval = {
      approvalStatus: decision.outcome,
      residualRisk: decision.residualRisk,
      approvalConditions: conditions.map((c) => ({ id: c.id, text: c.text, dueDate: c.dueDate, status: c.status })),
      approvedAt: decision.outcome === 'rejected' ? null : assessment.decidedAt,
      approvalValidUntil: decision.validUntil,
    };
    work.audit({
      action: 'ai_system.approval_changed',
      entityType: 'ai_system',
      entityId: system.id,
      changes: {
        approvalStatus: { before: system.approvalStatus, after: approval.approvalStatus },
        residualRisk: { before: system.residualRisk, after: approval.residualRisk },
        approvalValidUntil: { before: system.approvalValidUntil, after: approval.approvalValidUntil },
      },
    });
    await work.manager.update(AiSystemEntity, { id: system.id }, approval as never);
    work.audit({ action: 'assessment.decided', entityType: 'assessment', entityId: assessment.id, changes: { status: { before, after: assessment.status } } });
    const requester = await work.manager.findOneBy(UserEntity, { id: assessment.requestedBy });
    if (requester) await this.notifications.queue(work, decisionMail({ assessmentId: assessment.id, recipient: requester, systemName: system.name, outcome: decision.outcome, validUntil: decision.validUntil }));
    return { decision, conditions };
  }

  private async assertNoBlockingFindings(work: Work, assessmentId: string): Promise<void> {
    const blocking = await work.manager.find(FindingEntity, {
      where: { assessmentId, severity: In(['high', 'critical']), status: In([...UNRESOLVED]) },
      order: { createdAt: 'ASC' },
    });
    if (blocking.length) {
      throw unprocessable('blocking_findings', `${blocking.length} unresolved high or critical finding(s) block a plain approval: resolve, accept or approve with conditions`, {
        findings: blocking.map((f) => ({ id: f.id, title: f.title, severity: f.severity, status: f.status })),
      });
    }
  }
}

function checkConditions(request: DecisionRequest): void {
  const count = request.conditions?.length ?? 0;
  const problems: { field: string; message: string }[] = [];
  if (request.outcome === 'approved_with_conditions' && count === 0) problems.push({ field: 'conditions', message: 'an approval with conditions needs at least one condition' });
  if (request.outcome !== 'approved_with_conditions' && count > 0) problems.push({ field: 'conditions', message: `conditions belong to approved_with_conditions, not ${request.outcome}` });
  for (const [index, condition] of (request.conditions ?? []).entries()) {
    if (condition.dueDate <= today()) problems.push({ field: `conditions.${index}.dueDate`, message: 'a condition is due in the future' });
  }
  if (problems.length) throw validationFailed(problems);
}
