import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unprocessable, validationFailed } from '../common/errors.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { referenceProblem } from '../domain/questionnaire-frameworks.js';
import { afterRulings, stopsIntake } from '../domain/tiering.js';
import type { Article5RulingRequest, TierSignOffRequest } from './dto/intake-rulings.dto.js';
import { IntakeFormService } from './intake-form.service.js';
import { IntakeEntity } from './intake.entity.js';

const ARTICLE_5 = /^eu-ai-act:Art\.5(\(|$)/;

/** Why a legal reference cannot back an Article 5 ruling, or null. */
export function rulingReferenceProblem(reference: string): string | null {
  const problem = referenceProblem(reference);
  if (problem) return problem;
  return ARTICLE_5.test(reference) ? null : `${reference} is not a provision of Article 5 of the EU AI Act (form: eu-ai-act:Art.5(1)(f))`;
}

/**
 * The second line's word on an intake: ruling an Article 5 rule out (with who, when, the legal
 * reference and the reason), and signing off an intake that lowers an assessed system's tier.
 */
@Injectable()
export class IntakeRulingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly forms: IntakeFormService,
    private readonly clock: Clock,
  ) {}

  ruleOut(actor: Actor, id: string, request: Article5RulingRequest): Promise<IntakeEntity> {
    const problem = rulingReferenceProblem(request.legalReference);
    if (problem) throw validationFailed([{ field: 'legalReference', message: problem }]);
    return this.uow.run(actor, async (work) => {
      const intake = await this.locked(work.manager, id);
      const fired = intake.reasons.find((reason) => reason.rule === request.ruleId);
      if (!fired) throw unprocessable('unknown_rule', `${request.ruleId} did not fire on this intake`, { errors: [{ field: 'ruleId', message: `${request.ruleId} is not among the intake's reasons` }] });
      if (!stopsIntake(fired)) throw unprocessable('not_a_stopping_rule', `${request.ruleId} does not stop the intake: only Article 5 rules are ruled out`, { ruleId: request.ruleId });
      if (intake.article5Rulings.some((ruling) => ruling.ruleId === request.ruleId)) throw conflict('already_ruled_out', `${request.ruleId} was already ruled out`, { ruleId: request.ruleId });
      const ruling = { ruleId: request.ruleId, legalReference: request.legalReference, reason: request.reason, ruledBy: actor.userId!, ruledAt: this.clock.now().toISOString() };
      const before = { inherentTier: intake.inherentTier, euAiActCategory: intake.euAiActCategory, canProceed: intake.canProceed };
      const outcome = afterRulings(this.forms.form().tiering, intake.reasons, new Set([...intake.article5Rulings.map((r) => r.ruleId), request.ruleId]));
      intake.article5Rulings = [...intake.article5Rulings, ruling];
      Object.assign(intake, { inherentTier: outcome.inherentTier, euAiActCategory: outcome.euAiActCategory, canProceed: outcome.canProceed });
      const saved = await work.manager.save(intake);
      work.audit({
        action: 'intake.article5_ruled_out',
        entityType: 'intake',
        entityId: id,
        changes: {
          ruleId: { before: null, after: ruling.ruleId },
          legalReference: { before: null, after: ruling.legalReference },
          reason: { before: null, after: ruling.reason },
          inherentTier: { before: before.inherentTier, after: saved.inherentTier },
          euAiActCategory: { before: before.euAiActCategory, after: saved.euAiActCategory },
          canProceed: { before: before.canProceed, after: saved.canProceed },
        },
      });
      if (!saved.tierSignOff || saved.tierSignOff.status === 'signed_off') await applyToSystem(work, saved);
      return saved;
    });
  }

  signOff(actor: Actor, id: string, request: TierSignOffRequest): Promise<IntakeEntity> {
    return this.uow.run(actor, async (work) => {
      const intake = await this.locked(work.manager, id);
      if (intake.tierSignOff?.status !== 'pending') throw conflict('no_sign_off_pending', 'This intake does not wait for a tier sign-off');
      intake.tierSignOff = { ...intake.tierSignOff, status: 'signed_off', signedOffBy: actor.userId!, signedOffAt: this.clock.now().toISOString(), rationale: request.rationale };
      const saved = await work.manager.save(intake);
      work.audit({
        action: 'intake.tier_signed_off',
        entityType: 'intake',
        entityId: id,
        changes: {
          inherentTier: { before: intake.tierSignOff.previousTier, after: saved.inherentTier },
          signOff: { before: 'pending', after: 'signed_off' },
          rationale: { before: null, after: request.rationale },
        },
      });
      await applyToSystem(work, saved);
      return saved;
    });
  }

  private async locked(manager: EntityManager, id: string): Promise<IntakeEntity> {
    const intake = await manager.findOne(IntakeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!intake) throw notFound('Intake');
    return intake;
  }
}

/** The AI system carries the tier of its newest intake: applied only when this one is it. */
export async function applyToSystem(work: Work, intake: IntakeEntity): Promise<void> {
  const newest = await work.manager.findOne(IntakeEntity, { where: { aiSystemId: intake.aiSystemId }, order: { createdAt: 'DESC', id: 'DESC' }, select: { id: true } });
  if (newest?.id !== intake.id) return;
  const system = await work.manager.findOneOrFail(AiSystemEntity, { where: { id: intake.aiSystemId }, lock: { mode: 'pessimistic_write' } });
  if (system.inherentTier === intake.inherentTier && system.euAiActCategory === intake.euAiActCategory) return;
  work.audit({
    action: 'ai_system.tiered',
    entityType: 'ai_system',
    entityId: system.id,
    changes: {
      inherentTier: { before: system.inherentTier, after: intake.inherentTier },
      euAiActCategory: { before: system.euAiActCategory, after: intake.euAiActCategory },
    },
  });
  await work.manager.update(AiSystemEntity, { id: system.id }, { inherentTier: intake.inherentTier, euAiActCategory: intake.euAiActCategory });
}
