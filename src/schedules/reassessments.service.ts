import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { AiSystemEntity, ApprovalStatus } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity, type AssessmentTrigger } from '../assessments/assessment.entity.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { InvitationsService } from '../assessments/invitations.service.js';
import { TokenKind } from '../auth/api-token.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { SYSTEM_ACTOR, type Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound, unprocessable } from '../common/errors.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { DECISION_OUTCOMES } from '../domain/assessment-state.js';
import { addDays, isoDate, reassessmentDue, reassessmentDueDate } from '../domain/schedule.js';
import { IntakeEntity } from '../intakes/intake.entity.js';
import { job, JobName } from '../queue/jobs.js';
import { VendorContactEntity } from '../vendors/vendor-contact.entity.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import { NoticeOutbox } from './notice-outbox.js';
import { reassessmentReadyMail } from './schedule-mails.js';
import { SCHEDULES_CONFIG, type SchedulesConfig } from './schedules.config.js';

const CLOSED = [...DECISION_OUTCOMES, 'cancelled'] as const;
const APPROVED = [ApprovalStatus.Approved, ApprovalStatus.ApprovedWithConditions];
const MAX_CONTACTS = 20;

/** The system sends auto-send reassessments itself; as staff it may read every assessment. */
const SYSTEM_PRINCIPAL: Principal = { userId: '', email: '', name: 'Assay', role: Role.Procurement, vendorId: null, tokenId: '', tokenKind: TokenKind.Session };

/** A new cycle of an AI system: on schedule before the approval runs out, or on an event. */
@Injectable()
export class ReassessmentsService {
  private readonly logger = new Logger('reassessments');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly outbox: NoticeOutbox,
    private readonly assessments: AssessmentsService,
    private readonly invitations: InvitationsService,
    @Inject(SCHEDULES_CONFIG) private readonly config: SchedulesConfig,
  ) {}

  private today(): string {
    return isoDate(this.clock.now());
  }

  /** `POST /ai-systems/{id}/reassess`: a cycle now, sent at once when the AI system auto-sends. */
  async reassess(actor: Actor, principal: Principal, aiSystemId: string, reason: AssessmentTrigger, note?: string): Promise<AssessmentEntity> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) throw notFound('AI system');
    const assessment = await this.open(actor, system, reason, note, reassessmentDueDate(this.today(), null));
    return this.sendIfAuto(actor, principal, system, assessment);
  }

  /** The job of the sweep: the approval is within its lead time and nothing was opened for it yet. */
  async scheduled(aiSystemId: string): Promise<string> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    const today = this.today();
    if (!system || !APPROVED.includes(system.approvalStatus) || !system.approvalValidUntil) return 'not approved';
    if (!reassessmentDue(system.approvalValidUntil, today, this.config.reassessmentLeadDays)) return 'not due';
    const dueDate = reassessmentDueDate(today, system.approvalValidUntil);
    return this.onEvent(system, 'scheduled', undefined, dueDate, (work) => this.noScheduledCycleSince(work, system));
  }

  /** The job after a version change: only an AI system with a decision is reassessed. */
  async modelChanged(aiSystemId: string, note?: string): Promise<string> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) return 'no AI system';
    const decided = await this.db.getRepository(AssessmentEntity).existsBy({ aiSystemId, status: In([...DECISION_OUTCOMES]) });
    if (!decided) return 'never decided';
    return this.onEvent(system, 'model_change', note, reassessmentDueDate(this.today(), null));
  }

  /**
   * The job after a red monitoring result or a severe incident: like a model change, only an AI
   * system with a decision is reassessed, and an open cycle makes it a no-op (`open_cycle_exists`).
   */
  async eventTriggered(aiSystemId: string, reason: 'monitoring_red' | 'incident', note?: string): Promise<string> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) return 'no AI system';
    const decided = await this.db.getRepository(AssessmentEntity).existsBy({ aiSystemId, status: In([...DECISION_OUTCOMES]) });
    if (!decided) return 'never decided';
    return this.onEvent(system, reason, note, reassessmentDueDate(this.today(), null));
  }

  /**
   * Opens the cycle, then sends it (auto-send) or tells the requester. A retry after a crash
   * between the two finds its own draft and finishes the job; refusals the data explains end it.
   */
  private async onEvent(system: AiSystemEntity, reason: AssessmentTrigger, note: string | undefined, dueDate: string, also?: (work: Work) => Promise<void>): Promise<string> {
    let assessment: AssessmentEntity;
    let created = true;
    try {
      assessment = await this.open(SYSTEM_ACTOR, system, reason, note, dueDate, also);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const draft = await this.ownDraft(system.id, reason);
      if (!draft) return `skipped: ${error.code}`;
      [assessment, created] = [draft, false];
    }
    if (system.autoSend) await this.sendIfAuto(SYSTEM_ACTOR, SYSTEM_PRINCIPAL, system, assessment);
    else await this.tellRequester(system, assessment);
    return created ? 'created' : 'completed';
  }

  /** A draft waits for procurement: the intake's requester hears that it is ready to send. */
  private async tellRequester(system: AiSystemEntity, assessment: AssessmentEntity): Promise<void> {
    const vendor = await this.db.getRepository(VendorEntity).findOneByOrFail({ id: system.vendorId });
    const requester = (await this.outbox.users([assessment.requestedBy])).get(assessment.requestedBy);
    if (!requester) return;
    const facts = { assessmentId: assessment.id, systemName: system.name, vendorName: vendor.legalName, cycle: assessment.cycle, dueDate: assessment.dueDate, url: this.outbox.url(`assessments/${assessment.id}`) };
    await this.outbox.queueUnsent([reassessmentReadyMail(requester, facts, assessment.trigger)]);
  }

  /**
   * The sweep's part: every approval within its lead time with nothing opened for it gets a job
   * whose id names the approval, so sweeps before it ran add nothing more. The query leaves out
   * what could never be opened (offboarded vendor, no usable intake) so no job fails for ever.
   */
  async sweep(today: string): Promise<number> {
    const due: { id: string; valid_until: string }[] = await this.db.query(
      `SELECT s.id, s.approval_valid_until::text AS valid_until
       FROM ai_systems s JOIN vendors v ON v.id = s.vendor_id
       WHERE s.approval_status IN ('approved', 'approved_with_conditions') AND s.approval_valid_until <= $1::date AND v.status <> 'offboarded'
         AND (SELECT i.can_proceed FROM intakes i WHERE i.ai_system_id = s.id ORDER BY i.created_at DESC LIMIT 1)
         AND NOT EXISTS (
           SELECT 1 FROM assessments a WHERE a.ai_system_id = s.id
             AND (a.status NOT IN ('approved', 'approved_with_conditions', 'rejected', 'cancelled')
               OR (a.trigger = 'scheduled' AND a.created_at > coalesce(s.approved_at, '-infinity'))))`,
      [addDays(today, this.config.reassessmentLeadDays)],
    );
    if (due.length === 0) return 0;
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      for (const { id, valid_until: validUntil } of due) work.enqueue(job(JobName.CreateReassessment, { aiSystemId: id, reason: 'scheduled' }, `${id}.${validUntil}`));
    });
    return due.length;
  }

  private async open(actor: Actor, system: AiSystemEntity, reason: AssessmentTrigger, note: string | undefined, dueDate: string, also?: (work: Work) => Promise<void>) {
    const intake = await this.db.getRepository(IntakeEntity).findOne({ where: { aiSystemId: system.id }, order: { createdAt: 'DESC' } });
    if (!intake) throw unprocessable('intake_missing', 'The AI system has no intake to reassess it from: record one first');
    const contactIds = await this.previousContacts(system);
    if (contactIds.length === 0) throw unprocessable('contacts_missing', 'The vendor has no contacts to send the reassessment to');
    const precondition = async (work: Work) => {
      await this.noOpenCycle(work, system.id);
      await also?.(work);
    };
    return this.assessments.create(actor, { intakeId: intake.id, dueDate, contactIds }, { reason, note, precondition });
  }

  /** The contacts of the latest cycle that had any; the vendor's first contacts otherwise. */
  private async previousContacts(system: AiSystemEntity): Promise<string[]> {
    const rows: { contact_id: string }[] = await this.db.query(
      `SELECT ac.contact_id FROM assessment_contacts ac WHERE ac.assessment_id = (
         SELECT a.id FROM assessments a WHERE a.ai_system_id = $1 AND EXISTS (SELECT 1 FROM assessment_contacts x WHERE x.assessment_id = a.id)
         ORDER BY a.cycle DESC LIMIT 1)
       ORDER BY ac.contact_id`,
      [system.id],
    );
    if (rows.length) return rows.map((row) => row.contact_id);
    const contacts = await this.db.getRepository(VendorContactEntity).find({ where: { vendorId: system.vendorId }, order: { createdAt: 'ASC' }, take: MAX_CONTACTS });
    return contacts.map((contact) => contact.id);
  }

  private async noOpenCycle(work: Work, aiSystemId: string): Promise<void> {
    const open = await work.manager.findOne(AssessmentEntity, { where: { aiSystemId, status: Not(In([...CLOSED])) }, order: { cycle: 'DESC' } });
    if (open) {
      throw conflict('open_cycle_exists', `Cycle ${open.cycle} of this AI system is still ${open.status}: finish or cancel it first`, { assessmentId: open.id, currentState: open.status });
    }
  }

  /** One scheduled cycle per approval: one cancelled by procurement is not opened again. */
  private async noScheduledCycleSince(work: Work, system: AiSystemEntity): Promise<void> {
    const qb = work.manager.getRepository(AssessmentEntity).createQueryBuilder('a').where('a.ai_system_id = :id AND a.trigger = :scheduled', { id: system.id, scheduled: 'scheduled' });
    if (system.approvedAt) qb.andWhere('a.created_at > :approvedAt', { approvedAt: system.approvedAt });
    if (await qb.getExists()) throw conflict('already_scheduled', 'A scheduled reassessment was already opened for this approval');
  }

  /** The draft a previous attempt of this job opened and did not get to send. */
  private ownDraft(aiSystemId: string, reason: AssessmentTrigger): Promise<AssessmentEntity | null> {
    return this.db.getRepository(AssessmentEntity).findOne({ where: { aiSystemId, status: 'draft', trigger: reason, createdBy: IsNull() }, order: { cycle: 'DESC' } });
  }

  private async sendIfAuto(actor: Actor, principal: Principal, system: AiSystemEntity, assessment: AssessmentEntity): Promise<AssessmentEntity> {
    if (!system.autoSend || assessment.status !== 'draft') return assessment;
    await this.invitations.send(actor, principal, assessment.id);
    this.logger.log({ aiSystemId: system.id, assessmentId: assessment.id }, 'reassessment sent automatically');
    return this.db.getRepository(AssessmentEntity).findOneByOrFail({ id: assessment.id });
  }
}
