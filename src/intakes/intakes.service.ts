import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Actor } from '../common/actor.js';
import { notFound, unknownReference, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { checkIntakeAnswers, missingAnswers, toAnswers } from '../domain/intake-form.js';
import { inherentTier, TIERS, type Tier, type TieringResult } from '../domain/tiering.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { CreateIntakeRequest, IntakeListQuery } from './dto/intake.dto.js';
import { IntakeFormService } from './intake-form.service.js';
import { applyToSystem } from './intake-rulings.service.js';
import { IntakeEntity } from './intake.entity.js';

@Injectable()
export class IntakesService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly forms: IntakeFormService,
  ) {}

  list(query: IntakeListQuery): Promise<Page<IntakeEntity>> {
    const qb = this.db.getRepository(IntakeEntity).createQueryBuilder('i');
    if (query.aiSystemId) qb.andWhere('i.ai_system_id = :aiSystemId', { aiSystemId: query.aiSystemId });
    if (query.vendorId) qb.innerJoin('i.aiSystem', 's').andWhere('s.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.tier) qb.andWhere('i.inherent_tier = :tier', { tier: query.tier });
    if (query.pendingSignOff) {
      const pending = `COALESCE(i.tier_sign_off->>'status', '') = 'pending'`;
      qb.andWhere(query.pendingSignOff === 'true' ? pending : `NOT (${pending})`);
    }
    return keysetPage(qb, byCreation('i', true), query);
  }

  async get(id: string): Promise<IntakeEntity> {
    const intake = await this.db.getRepository(IntakeEntity).findOneBy({ id });
    if (!intake) throw notFound('Intake');
    return intake;
  }

  /** The tier, category and reasons the answers so far would give, worked out as create does but stored nowhere. */
  preview(answers: Record<string, unknown>): TieringResult & { formVersion: string; missing: string[] } {
    const form = this.forms.form();
    const problems = checkIntakeAnswers(form, answers, { allowMissing: true });
    if (problems.length) throw validationFailed(problems, 'The intake answers are not valid');
    const given = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined && value !== null));
    const missing = missingAnswers(form, given).map((problem) => problem.field.slice('answers.'.length));
    return { ...inherentTier(form.tiering, toAnswers(given)), formVersion: form.version, missing };
  }

  /** Records the intake and gives the AI system its inherent tier; the latest intake wins. */
  create(actor: Actor, request: CreateIntakeRequest): Promise<IntakeEntity> {
    const form = this.forms.form();
    const problems = checkIntakeAnswers(form, request.answers);
    if (problems.length) throw validationFailed(problems, 'The intake answers are not valid');
    const answers = Object.fromEntries(Object.entries(request.answers).filter(([, value]) => value !== undefined && value !== null));
    const tiering = inherentTier(form.tiering, toAnswers(answers));
    return this.uow.run(actor, async (work) => {
      const system = await work.manager.findOne(AiSystemEntity, { where: { id: request.aiSystemId }, lock: { mode: 'pessimistic_write' } });
      if (!system) throw unknownReference('aiSystemId', 'AI system');
      const tierSignOff = (await lowersAssessedTier(work, system, tiering.inherentTier))
        ? { previousTier: system.inherentTier!, status: 'pending' as const, signedOffBy: null, signedOffAt: null, rationale: null }
        : null;
      const intake = await work.manager.save(
        work.manager.create(IntakeEntity, {
          aiSystemId: system.id,
          useCase: request.useCase,
          businessOwner: request.businessOwner ?? null,
          answers,
          formVersion: form.version,
          inherentTier: tiering.inherentTier,
          euAiActCategory: tiering.euAiActCategory,
          canProceed: tiering.canProceed,
          reasons: tiering.reasons,
          article5Rulings: [],
          tierSignOff,
          requestedBy: actor.userId!,
        }),
      );
      work.audit({
        action: 'intake.created',
        entityType: 'intake',
        entityId: intake.id,
        changes: {
          aiSystemId: { before: null, after: system.id },
          inherentTier: { before: null, after: intake.inherentTier },
          euAiActCategory: { before: null, after: intake.euAiActCategory },
          canProceed: { before: null, after: intake.canProceed },
          ...(tierSignOff ? { tierSignOff: { before: null, after: 'pending' } } : {}),
        },
      });
      // A lowered tier waits for the sign-off; until then the system keeps the tier it was assessed at.
      if (!tierSignOff) await applyToSystem(work, intake);
      return intake;
    });
  }
}

/** Whether a tier below the system's current one would weaken the scrutiny of an open or decided assessment. */
async function lowersAssessedTier(work: Work, system: AiSystemEntity, tier: Tier): Promise<boolean> {
  if (!system.inherentTier || TIERS.indexOf(tier) >= TIERS.indexOf(system.inherentTier)) return false;
  const assessed = await work.manager.createQueryBuilder(AssessmentEntity, 'a').where('a.ai_system_id = :id', { id: system.id }).andWhere(`a.status <> 'cancelled'`).getExists();
  return assessed;
}
