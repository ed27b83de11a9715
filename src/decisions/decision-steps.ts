import { IsNull, type EntityManager } from 'typeorm';
import type { Work } from '../database/unit-of-work.js';
import { UserEntity } from '../users/user.entity.js';
import { DecisionStepEntity, type DecisionStep } from './decision-step.entity.js';
import { DecisionEntity } from './decision.entity.js';

/** Appends a step to the assessment's decision record, with the person's name as it is now. */
export async function recordStep(work: Work, decision: DecisionEntity, step: DecisionStep, rationale: string): Promise<DecisionStepEntity> {
  const userId = work.actor.userId;
  const user = userId ? await work.manager.findOneBy(UserEntity, { id: userId }) : null;
  return work.manager.save(
    work.manager.create(DecisionStepEntity, {
      assessmentId: decision.assessmentId,
      decisionId: decision.id,
      step,
      outcome: decision.outcome,
      rationale,
      actorId: userId,
      actorName: user?.name ?? 'Assay',
    }),
  );
}

/** Every proposal, confirmation and disagreement on the assessment, oldest first. */
export function stepsOf(manager: EntityManager, assessmentId: string): Promise<DecisionStepEntity[]> {
  return manager.find(DecisionStepEntity, { where: { assessmentId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** The decision that stands on the assessment (pending or final), if any. */
export function standingDecision(manager: EntityManager, assessmentId: string): Promise<DecisionEntity | null> {
  return manager.findOneBy(DecisionEntity, { assessmentId, voidedAt: IsNull() });
}

/** Sets a pending decision aside, keeping it on record: by a disagreement, or because the answers are reopened. */
export async function voidDecision(work: Work, decision: DecisionEntity, step: 'disagreed' | 'voided', rationale: string, at: Date): Promise<DecisionEntity> {
  decision.status = 'void';
  decision.voidedAt = at;
  const saved = await work.manager.save(decision);
  await recordStep(work, saved, step, rationale);
  work.audit({
    action: step === 'disagreed' ? 'decision.disagreed' : 'decision.voided',
    entityType: 'assessment',
    entityId: decision.assessmentId,
    changes: { decisionStatus: { before: 'pending_confirmation', after: 'void' }, rationale: { before: null, after: rationale } },
  });
  return saved;
}

/** A clarification reopens the answers, so a decision waiting for its second risk manager no longer stands. */
export async function voidPendingDecision(work: Work, assessmentId: string, at: Date): Promise<boolean> {
  const pending = await standingDecision(work.manager, assessmentId);
  if (!pending || pending.status !== 'pending_confirmation') return false;
  await voidDecision(work, pending, 'voided', 'Clarification requested: the answers are reopened, so the pending decision no longer stands', at);
  return true;
}
