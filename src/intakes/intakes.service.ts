import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Actor } from '../common/actor.js';
import { notFound, unknownReference, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { checkIntakeAnswers, toAnswers } from '../domain/intake-form.js';
import { inherentTier } from '../domain/tiering.js';
import type { CreateIntakeRequest, IntakeListQuery } from './dto/intake.dto.js';
import { IntakeFormService } from './intake-form.service.js';
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
    return keysetPage(qb, byCreation('i', true), query);
  }

  async get(id: string): Promise<IntakeEntity> {
    const intake = await this.db.getRepository(IntakeEntity).findOneBy({ id });
    if (!intake) throw notFound('Intake');
    return intake;
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
        },
      });
      if (system.inherentTier !== tiering.inherentTier || system.euAiActCategory !== tiering.euAiActCategory) {
        work.audit({
          action: 'ai_system.tiered',
          entityType: 'ai_system',
          entityId: system.id,
          changes: {
            inherentTier: { before: system.inherentTier, after: tiering.inherentTier },
            euAiActCategory: { before: system.euAiActCategory, after: tiering.euAiActCategory },
          },
        });
        await work.manager.update(AiSystemEntity, { id: system.id }, { inherentTier: tiering.inherentTier, euAiActCategory: tiering.euAiActCategory });
      }
      return intake;
    });
  }
}
