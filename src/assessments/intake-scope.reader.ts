import type { EntityManager } from 'typeorm';
import type { Answers } from '../domain/answer-conditions.js';
import { intakeScope } from '../domain/intake-scope.js';
import { IntakeEntity } from '../intakes/intake.entity.js';

/** The `intake.*` fields of the intake an assessment was created from (intakes do not change). */
export async function intakeScopeOf(manager: EntityManager, intakeId: string): Promise<Answers> {
  const intake = await manager.findOne(IntakeEntity, { where: { id: intakeId }, select: { id: true, answers: true, euAiActCategory: true, inherentTier: true } });
  return intake ? intakeScope(intake) : {};
}
