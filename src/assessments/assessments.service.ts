import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { scopeToVendor } from '../auth/vendor-scope.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, unknownReference, unprocessable, validationFailed } from '../common/errors.js';
import { keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { answerProblem } from '../domain/answers.js';
import { DECISION_OUTCOMES } from '../domain/assessment-state.js';
import { belowTier, chooseQuestionnaires, GENERATIVE_MODULE, minimumQuestionnaire, withoutGenerativeModule } from '../domain/questionnaire-selection.js';
import { notApplicableAllowed } from '../domain/questionnaire-template.js';
import { IntakeEntity } from '../intakes/intake.entity.js';
import { VendorContactEntity } from '../vendors/vendor-contact.entity.js';
import { VendorEntity, VendorStatus } from '../vendors/vendor.entity.js';
import { ASSESSMENT_VISIBILITY, AssessmentAccess, move } from './assessment-access.js';
import { AssessmentContactEntity } from './assessment-contact.entity.js';
import { AssessmentEntity, type AssessmentTrigger } from './assessment.entity.js';
import type { AssessedNames, AssessmentListQuery, CreateAssessmentRequest } from './dto/assessment.dto.js';
import { clashingQuestionIds } from './frozen-questions.js';
import { QuestionnaireSource, type StoredQuestionnaire } from './questionnaire-source.js';
import { ResponseEntity } from './response.entity.js';

const VENDOR_OPEN = ['sent', 'in_progress', 'clarification_requested'];

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly questionnaires: QuestionnaireSource,
    private readonly clock: Clock,
  ) {}

  /** Sorted by due date; a vendor sees only its own assessments that were sent. */
  list(principal: Principal, query: AssessmentListQuery): Promise<Page<AssessmentEntity>> {
    const qb = scopeToVendor(this.db.getRepository(AssessmentEntity).createQueryBuilder('a'), principal, ASSESSMENT_VISIBILITY);
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.tier) qb.andWhere('a.inherent_tier = :tier', { tier: query.tier });
    if (query.vendorId) qb.andWhere('a.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.aiSystemId) qb.andWhere('a.ai_system_id = :aiSystemId', { aiSystemId: query.aiSystemId });
    if (query.requestedBy === 'me') qb.andWhere('a.requested_by = :me', { me: principal.userId });
    if (query.reviewer === 'me') qb.andWhere('a.reviewer_id = :me', { me: principal.userId });
    if (query.dueBefore) qb.andWhere('a.due_date <= :dueBefore', { dueBefore: query.dueBefore });
    if (query.overdue) {
      const overdue = 'a.status IN (:...vendorOpen) AND a.due_date < :today';
      qb.andWhere(query.overdue === 'true' ? overdue : `NOT (${overdue})`, { vendorOpen: VENDOR_OPEN, today: this.clock.today() });
    }
    return keysetPage(qb, { sortColumn: 'a.due_date', idColumn: 'a.id', position: (a) => ({ at: a.dueDate, id: a.id }) }, query);
  }

  get(principal: Principal, id: string): Promise<AssessmentEntity> {
    return this.access.load(principal, id);
  }

  async contactIds(assessmentId: string): Promise<string[]> {
    return (await this.contactIdsOf([assessmentId])).get(assessmentId) ?? [];
  }

  /** The AI system and vendor names of many assessments in two queries. */
  async namesOf(assessments: AssessmentEntity[]): Promise<Map<string, AssessedNames>> {
    const systemIds = [...new Set(assessments.map((a) => a.aiSystemId))];
    const vendorIds = [...new Set(assessments.map((a) => a.vendorId))];
    const systems = systemIds.length ? await this.db.getRepository(AiSystemEntity).find({ where: { id: In(systemIds) }, select: { id: true, name: true } }) : [];
    const vendors = vendorIds.length ? await this.db.getRepository(VendorEntity).find({ where: { id: In(vendorIds) }, select: { id: true, legalName: true } }) : [];
    const systemName = new Map(systems.map((s) => [s.id, s.name]));
    const vendorName = new Map(vendors.map((v) => [v.id, v.legalName]));
    return new Map(assessments.map((a) => [a.id, { aiSystemName: systemName.get(a.aiSystemId) ?? '', vendorName: vendorName.get(a.vendorId) ?? '' }]));
  }

  /** The contact ids of many assessments in one query, so a page costs the same at any size. */
  async contactIdsOf(assessmentIds: string[]): Promise<Map<string, string[]>> {
    const byAssessment = new Map<string, string[]>(assessmentIds.map((id) => [id, []]));
    if (assessmentIds.length === 0) return byAssessment;
    const rows = await this.db.getRepository(AssessmentContactEntity).find({ where: { assessmentId: In(assessmentIds) }, order: { contactId: 'ASC' } });
    for (const row of rows) byAssessment.get(row.assessmentId)?.push(row.contactId);
    return byAssessment;
  }

  /**
   * A new cycle for the intake's AI system; `trigger` says why (a reassessment passes its reason).
   * `precondition` runs with the AI system locked, so a check on its other cycles cannot race.
   */
  async create(
    actor: Actor,
    request: CreateAssessmentRequest,
    trigger: { reason: AssessmentTrigger; note?: string; precondition?: (work: Work, system: AiSystemEntity) => Promise<void> } = { reason: 'initial' },
  ): Promise<AssessmentEntity> {
    if (request.dueDate <= this.clock.today()) throw validationFailed([{ field: 'dueDate', message: 'dueDate must be in the future' }]);
    return this.uow.run(actor, async (work) => {
      const intake = await work.manager.findOneBy(IntakeEntity, { id: request.intakeId });
      if (!intake) throw unknownReference('intakeId', 'intake');
      if (!intake.canProceed) throw conflict('intake_cannot_proceed', 'The intake found a prohibited use: no assessment can be sent', { reasons: intake.reasons });
      if (intake.tierSignOff?.status === 'pending') {
        throw unprocessable('tier_lowering_needs_sign_off', `The intake lowers the tier from ${intake.tierSignOff.previousTier} to ${intake.inherentTier}: a risk manager must sign it off first`, {
          previousTier: intake.tierSignOff.previousTier,
          inherentTier: intake.inherentTier,
        });
      }
      // Locking the AI system serialises cycle numbers.
      const system = await work.manager.findOne(AiSystemEntity, { where: { id: intake.aiSystemId }, lock: { mode: 'pessimistic_write' } });
      await trigger.precondition?.(work, system!);
      const vendor = await work.manager.findOneByOrFail(VendorEntity, { id: system!.vendorId });
      if (vendor.status === VendorStatus.Offboarded) throw conflict('vendor_offboarded', 'The vendor is offboarded');
      await this.checkContacts(work, vendor.id, request.contactIds);
      const chosen = await this.chosenQuestionnaires(work, request, intake, system!);
      const belowTierReason = this.belowTierReason(actor, request, intake);
      const withoutGenerativeReason = this.withoutGenerativeReason(actor, request, generativeSystem(intake, system!));
      const previous = await work.manager.findOne(AssessmentEntity, { where: { aiSystemId: system!.id }, order: { cycle: 'DESC' } });
      const assessment = await work.manager.save(
        work.manager.create(AssessmentEntity, {
          aiSystemId: system!.id,
          vendorId: vendor.id,
          intakeId: intake.id,
          cycle: (previous?.cycle ?? 0) + 1,
          dueDate: request.dueDate,
          inherentTier: intake.inherentTier,
          questionnaires: chosen.map(({ key, version, contentHash }) => ({ key, version, contentHash })),
          requestedBy: intake.requestedBy,
          createdBy: actor.userId,
          trigger: trigger.reason,
          triggerNote: trigger.note ?? null,
        }),
      );
      await work.manager.insert(AssessmentContactEntity, request.contactIds.map((contactId) => ({ assessmentId: assessment.id, contactId })));
      const carried = request.carryForward === false ? 0 : await this.carryForward(work, assessment, chosen);
      work.audit({
        action: 'assessment.created',
        entityType: 'assessment',
        entityId: assessment.id,
        changes: {
          aiSystemId: { before: null, after: assessment.aiSystemId },
          cycle: { before: null, after: assessment.cycle },
          trigger: { before: null, after: assessment.trigger },
          status: { before: null, after: assessment.status },
          dueDate: { before: null, after: assessment.dueDate },
          questionnaires: { before: null, after: assessment.questionnaires.map((q) => `${q.key}@${q.version}`) },
          carriedForwardAnswers: { before: null, after: carried },
          ...(belowTierReason ? { questionnaireBelowTierReason: { before: null, after: belowTierReason } } : {}),
          ...(withoutGenerativeReason ? { questionnaireWithoutGenerativeReason: { before: null, after: withoutGenerativeReason } } : {}),
        },
      });
      if (trigger.reason !== 'initial') {
        const { id, aiSystemId, vendorId, cycle, dueDate } = assessment;
        work.emit('reassessment.opened', { assessmentId: id, aiSystemId, vendorId, cycle, dueDate, trigger: trigger.reason, carriedForwardAnswers: carried });
      }
      return assessment;
    });
  }

  /** Chosen questionnaires below the tier's minimum need a risk manager and a reason; the reason is audited. */
  private belowTierReason(actor: Actor, request: CreateAssessmentRequest, intake: IntakeEntity): string | null {
    if (!request.questionnaireKeys || !belowTier(intake.inherentTier, request.questionnaireKeys)) return null;
    if (actor.role === Role.RiskManager && request.belowTierReason) return request.belowTierReason;
    const minimum = minimumQuestionnaire(intake.inherentTier);
    throw unprocessable('questionnaire_below_tier', `A ${intake.inherentTier} tier needs ${minimum}: only a risk manager, giving belowTierReason, may send less`, {
      inherentTier: intake.inherentTier,
      minimumQuestionnaire: minimum,
      errors: [{ field: 'questionnaireKeys', message: `must include ${minimum} for a ${intake.inherentTier} tier` }],
    });
  }

  /** A generative system's questionnaires leave out the generative module only by a risk manager, with a reason; the reason is audited. */
  private withoutGenerativeReason(actor: Actor, request: CreateAssessmentRequest, generative: boolean): string | null {
    if (!request.questionnaireKeys || !withoutGenerativeModule(generative, request.questionnaireKeys)) return null;
    if (actor.role === Role.RiskManager && request.withoutGenerativeReason) return request.withoutGenerativeReason;
    throw unprocessable('questionnaire_without_generative_module', `The system generates content and needs ${GENERATIVE_MODULE}: only a risk manager, giving withoutGenerativeReason, may leave it out`, {
      requiredQuestionnaire: GENERATIVE_MODULE,
      errors: [{ field: 'questionnaireKeys', message: `must include ${GENERATIVE_MODULE} for a generative system` }],
    });
  }

  private async checkContacts(work: Work, vendorId: string, contactIds: string[]): Promise<void> {
    const found = await work.manager.findBy(VendorContactEntity, { id: In(contactIds), vendorId });
    const missing = contactIds.filter((id) => !found.some((contact) => contact.id === id));
    if (missing.length) {
      throw unprocessable('unknown_reference', 'Some contactIds are not contacts of this vendor', {
        errors: missing.map((id) => ({ field: 'contactIds', message: `${id} is not a contact of the vendor` })),
      });
    }
  }

  private async chosenQuestionnaires(work: Work, request: CreateAssessmentRequest, intake: IntakeEntity, system: AiSystemEntity): Promise<StoredQuestionnaire[]> {
    const keys = request.questionnaireKeys ?? chooseQuestionnaires(intake.inherentTier, generativeSystem(intake, system));
    const found: (StoredQuestionnaire | null)[] = [];
    for (const key of keys) found.push(await this.questionnaires.latest(key, work.manager));
    const missing = keys.filter((_, i) => !found[i] || found[i]!.template.kind === 'intake');
    if (missing.length) {
      throw unprocessable('unknown_questionnaire', `No questionnaire with key ${missing.join(', ')}`, {
        errors: missing.map((key) => ({ field: 'questionnaireKeys', message: `${key} is not a questionnaire` })),
      });
    }
    const chosen = found as StoredQuestionnaire[];
    const clashes = clashingQuestionIds(chosen.map((stored) => stored.template));
    if (clashes.length) throw unprocessable('questionnaire_clash', `These questionnaires share question ids: ${clashes.join(', ')}`);
    return chosen;
  }

  /** Offers the previous decided cycle's answers where the question is unchanged in kind. */
  private async carryForward(work: Work, assessment: AssessmentEntity, chosen: StoredQuestionnaire[]): Promise<number> {
    const previous = await work.manager.findOne(AssessmentEntity, {
      where: { aiSystemId: assessment.aiSystemId, status: In([...DECISION_OUTCOMES]) },
      order: { cycle: 'DESC' },
    });
    if (!previous) return 0;
    const questions = new Map(chosen.flatMap((stored) => stored.template.questions).map((q) => [q.id, q]));
    const earlier = await work.manager.findBy(ResponseEntity, { assessmentId: previous.id, suggested: false });
    const carried = earlier.filter((response) => {
      const question = questions.get(response.questionId);
      if (!question) return false;
      if (response.notApplicable) return notApplicableAllowed(question);
      return response.value === null || answerProblem(question, response.value) === null;
    });
    if (carried.length) {
      await work.manager.insert(
        ResponseEntity,
        carried.map((response) => ({
          assessmentId: assessment.id,
          questionId: response.questionId,
          value: response.value as never,
          comment: response.comment,
          notApplicable: response.notApplicable,
          notApplicableReason: response.notApplicableReason,
          suggested: true,
          answeredBy: null,
          answeredAt: this.clock.now(),
        })),
      );
    }
    return carried.length;
  }

  cancel(actor: Actor, principal: Principal, id: string, reason: string): Promise<AssessmentEntity> {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      const before = assessment.status;
      move(assessment, 'cancel');
      assessment.cancelReason = reason;
      const saved = await work.manager.save(assessment);
      work.audit({ action: 'assessment.cancelled', entityType: 'assessment', entityId: id, changes: { status: { before, after: 'cancelled' }, cancelReason: { before: null, after: reason } } });
      return saved;
    });
  }
}

/** The intake says it generates content, or the system is registered as a generative model. */
const generativeSystem = (intake: IntakeEntity, system: AiSystemEntity): boolean => intake.answers.generative === true || system.modelType === 'generative';
