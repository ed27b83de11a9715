import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentAccess, assertCan } from '../assessments/assessment-access.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, forbidden, validationFailed } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { fourEyesRequired } from '../domain/decision-rules.js';
import { addMonths, approvalMonths } from '../domain/reassessment-cadence.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { decisionMail } from '../notifications/templates.js';
import { UserEntity } from '../users/user.entity.js';
import { ConditionEntity } from './condition.entity.js';
import { DecisionGates } from './decision-gates.js';
import type { DecisionStepEntity } from './decision-step.entity.js';
import { recordStep, standingDecision, stepsOf, voidDecision } from './decision-steps.js';
import { DecisionEntity } from './decision.entity.js';
import type { DecisionRequest, DisagreementRequest } from './dto/decision.dto.js';

export interface DecisionOutcomeView {
  decision: DecisionEntity;
  conditions: ConditionEntity[];
  steps: DecisionStepEntity[];
}

@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly notifications: NotificationsService,
    private readonly gates: DecisionGates,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The decision that stands, else the last one set aside; with every step on the record. */
  async get(principal: Principal, assessmentId: string): Promise<DecisionOutcomeView | null> {
    await this.access.load(principal, assessmentId);
    const manager = this.db.manager;
    const decision = (await standingDecision(manager, assessmentId)) ?? (await manager.findOne(DecisionEntity, { where: { assessmentId }, order: { createdAt: 'DESC' } }));
    if (!decision) return null;
    const conditions = await manager.find(ConditionEntity, { where: { decisionId: decision.id }, order: { dueDate: 'ASC', id: 'ASC' } });
    return { decision, conditions, steps: await stepsOf(manager, assessmentId) };
  }

  /**
   * Decides an assessment in review. The assessment row is locked, so of simultaneous requests
   * exactly one decides and the others find it decided. Where four eyes are needed the first call
   * is recorded as pending and a second, different risk manager confirms it with the same call.
   */
  decide(actor: Actor, principal: Principal, id: string, request: DecisionRequest, ifMatch: string | undefined): Promise<DecisionOutcomeView> {
    checkConditions(request, this.clock.today());
    return this.uow.run(actor, async (work) => {
      const assessment = await this.lockForDecision(work, principal, id, ifMatch);
      assertCan(assessment, request.outcome);
      const pending = await standingDecision(work.manager, id);
      if (pending) return this.confirm(work, assessment, pending, request);
      const proposal = this.newDecision(assessment, request, actor.userId!);
      await this.gates.check(work, assessment, request.outcome, proposal.proposedConditions!);
      const decision = await work.manager.save(work.manager.create(DecisionEntity, proposal));
      await recordStep(work, decision, 'proposed', decision.rationale);
      work.audit({
        action: 'decision.recorded',
        entityType: 'assessment',
        entityId: id,
        changes: { outcome: { before: null, after: decision.outcome }, decisionStatus: { before: null, after: decision.status } },
      });
      if (decision.status === 'final') return this.finalise(work, assessment, decision);
      // A pending decision still changes the assessment, so a stale ETag cannot confirm it unseen.
      await work.manager.increment(AssessmentEntity, { id }, 'version', 1);
      return { decision, conditions: [], steps: await stepsOf(work.manager, id) };
    });
  }

  /** The second risk manager disagrees: the pending decision is void, the assessment stays in review, both rationales kept. */
  disagree(actor: Actor, principal: Principal, id: string, request: DisagreementRequest, ifMatch: string | undefined): Promise<DecisionOutcomeView> {
    return this.uow.run(actor, async (work) => {
      await this.lockForDecision(work, principal, id, ifMatch);
      const pending = await standingDecision(work.manager, id);
      if (pending?.status !== 'pending_confirmation') throw conflict('no_pending_decision', 'There is no decision waiting for a second risk manager on this assessment');
      if (pending.decidedBy === actor.userId) throw conflict('four_eyes', 'The risk manager who proposed the decision cannot disagree with it: a second, different one does');
      const voided = await voidDecision(work, pending, 'disagreed', request.rationale, this.clock.now());
      await work.manager.increment(AssessmentEntity, { id }, 'version', 1);
      return { decision: voided, conditions: [], steps: await stepsOf(work.manager, id) };
    });
  }

  private async lockForDecision(work: Work, principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentEntity> {
    const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
    assertIfMatch(ifMatch, entityTag(assessment.version));
    if (assessment.requestedBy === work.actor.userId) throw forbidden('Separation of duties: the requester of the intake cannot decide its assessment');
    return assessment;
  }

  private newDecision(assessment: AssessmentEntity, request: DecisionRequest, userId: string): Partial<DecisionEntity> {
    const score = assessment.score!;
    const { reassessmentMonths, approvalMonthsByResidual } = this.config.decisionPolicy;
    const months = approvalMonths(assessment.inherentTier, score.residualRisk, reassessmentMonths, approvalMonthsByResidual);
    return {
      assessmentId: assessment.id,
      outcome: request.outcome,
      status: fourEyesRequired(assessment.inherentTier, score.residualRisk) ? 'pending_confirmation' : 'final',
      rationale: request.rationale,
      proposedConditions: (request.conditions ?? []).map((c) => ({ text: c.text, dueDate: c.dueDate, ownerId: c.owner ?? null, findingIds: [...new Set(c.findingIds ?? [])] })),
      decidedBy: userId,
      residualRisk: score.residualRisk,
      controlScore: score.controlScore === null ? null : String(score.controlScore),
      score,
      validUntil: request.outcome === 'rejected' ? null : addMonths(this.clock.today(), months),
    };
  }

  private async confirm(work: Work, assessment: AssessmentEntity, pending: DecisionEntity, request: DecisionRequest): Promise<DecisionOutcomeView> {
    if (pending.status !== 'pending_confirmation') throw conflict('invalid_state', `The assessment is already decided (${pending.outcome})`, { currentState: pending.outcome });
    if (pending.decidedBy === work.actor.userId) {
      throw conflict('four_eyes', 'This decision must be confirmed by a second, different risk manager');
    }
    if (pending.outcome !== request.outcome) {
      throw conflict('decision_mismatch', `The pending decision is ${pending.outcome}; confirm it with the same outcome, or disagree`, { pendingOutcome: pending.outcome });
    }
    await this.gates.check(work, assessment, pending.outcome, pending.proposedConditions);
    pending.status = 'final';
    pending.confirmedBy = work.actor.userId;
    pending.confirmationRationale = request.rationale;
    await recordStep(work, pending, 'confirmed', request.rationale);
    work.audit({ action: 'decision.confirmed', entityType: 'assessment', entityId: assessment.id, changes: { decisionStatus: { before: 'pending_confirmation', after: 'final' } } });
    return this.finalise(work, assessment, await work.manager.save(pending));
  }

  /** Closes the assessment, creates the tracked conditions and updates the AI system's approval. */
  private async finalise(work: Work, assessment: AssessmentEntity, decision: DecisionEntity): Promise<DecisionOutcomeView> {
    const before = assessment.status;
    assessment.status = decision.outcome;
    assessment.decidedAt = this.clock.now();
    decision.finalisedAt = assessment.decidedAt;
    await work.manager.save(decision);
    await work.manager.save(assessment);
    const conditions = await work.manager.save(
      work.manager.create(
        ConditionEntity,
        decision.proposedConditions.map((c) => ({ decisionId: decision.id, assessmentId: assessment.id, aiSystemId: assessment.aiSystemId, text: c.text, dueDate: c.dueDate, ownerId: c.ownerId ?? null, findingIds: c.findingIds ?? [] })),
      ),
    );
    const system = await this.updateApproval(work, assessment, decision, conditions);
    work.audit({ action: 'assessment.decided', entityType: 'assessment', entityId: assessment.id, changes: { status: { before, after: assessment.status } } });
    work.emit('decision.recorded', {
      assessmentId: assessment.id,
      aiSystemId: assessment.aiSystemId,
      vendorId: assessment.vendorId,
      decisionId: decision.id,
      outcome: decision.outcome,
      residualRisk: decision.residualRisk,
      validUntil: decision.validUntil,
      conditionIds: conditions.map((c) => c.id),
    });
    const requester = await work.manager.findOneBy(UserEntity, { id: assessment.requestedBy });
    if (requester) await this.notifications.queue(work, decisionMail({ assessmentId: assessment.id, recipient: requester, systemName: system.name, outcome: decision.outcome, validUntil: decision.validUntil }));
    return { decision, conditions, steps: await stepsOf(work.manager, assessment.id) };
  }

  private async updateApproval(work: Work, assessment: AssessmentEntity, decision: DecisionEntity, conditions: ConditionEntity[]): Promise<AiSystemEntity> {
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
    return system;
  }
}

function checkConditions(request: DecisionRequest, today: string): void {
  const count = request.conditions?.length ?? 0;
  const problems: { field: string; message: string }[] = [];
  if (request.outcome === 'approved_with_conditions' && count === 0) problems.push({ field: 'conditions', message: 'an approval with conditions needs at least one condition' });
  if (request.outcome !== 'approved_with_conditions' && count > 0) problems.push({ field: 'conditions', message: `conditions belong to approved_with_conditions, not ${request.outcome}` });
  for (const [index, condition] of (request.conditions ?? []).entries()) {
    if (condition.dueDate <= today) problems.push({ field: `conditions.${index}.dueDate`, message: 'a condition is due in the future' });
  }
  if (problems.length) throw validationFailed(problems);
}
