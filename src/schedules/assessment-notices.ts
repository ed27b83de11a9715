import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { InvitationsService } from '../assessments/invitations.service.js';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { vendorMayAnswer } from '../domain/assessment-state.js';
import { addDays, daysBetween, escalationDue, NUDGE_REVIEWERS_EVERY_DAYS, reviewNudgeOn, vendorReminderOn, VENDOR_REMINDERS, type Stage } from '../domain/schedule.js';
import type { MailContent } from '../notifications/templates.js';
import { add, everyone, NoticeOutbox } from './notice-outbox.js';
import { dedupeKey, escalationMail, reviewNudgeMail, vendorReminderMail, type AssessmentFacts, type Recipient } from './schedule-mails.js';

interface AssessmentRow {
  id: string;
  due_date: string;
  cycle: number;
  requested_by: string;
  reviewer_id: string | null;
  /** The day it was sent (vendor reminders) or submitted (review nudges), in UTC. */
  on_day: string;
  system_name: string;
  vendor_name: string;
}

const VENDOR_OPEN = ['sent', 'in_progress', 'clarification_requested'];
/** Reminders issued in one transaction: fewer round trips, and still short row locks. */
const REMINDER_BATCH = 50;

interface Reminder {
  row: AssessmentRow;
  stage: Stage;
  keys: string[];
}

const SELECT = `SELECT a.id, a.due_date::text AS due_date, a.cycle, a.requested_by, a.reviewer_id, s.name AS system_name, v.legal_name AS vendor_name`;
const FROM = 'FROM assessments a JOIN ai_systems s ON s.id = a.ai_system_id JOIN vendors v ON v.id = a.vendor_id';

/** Assessments waiting for someone: reminders to the vendor, escalation when late, nudges to reviewers. */
@Injectable()
export class AssessmentNotices {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly outbox: NoticeOutbox,
    private readonly invitations: InvitationsService,
  ) {}

  async sweep(today: string): Promise<Record<string, number>> {
    const waitingForVendor: AssessmentRow[] = await this.db.query(
      `${SELECT}, to_char(a.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS on_day ${FROM}
       WHERE a.status = ANY($1::assessment_status[]) AND a.sent_at IS NOT NULL AND a.due_date <= $2::date`,
      [VENDOR_OPEN, addDays(today, VENDOR_REMINDERS.firstDaysBefore)],
    );
    const queued = await this.vendorReminders(waitingForVendor, today);
    const mails = [...(await this.escalations(waitingForVendor, today)), ...(await this.reviewNudges(today))];
    return add(queued, await this.outbox.queueUnsent(mails));
  }

  private facts(row: AssessmentRow): AssessmentFacts {
    const { id, system_name: systemName, vendor_name: vendorName, cycle, due_date: dueDate } = row;
    return { assessmentId: id, systemName, vendorName, cycle, dueDate, url: this.outbox.url(`assessments/${id}`) };
  }

  private async vendorReminders(rows: AssessmentRow[], today: string): Promise<Record<string, number>> {
    const due = rows.flatMap((row) => {
      const stage = vendorReminderOn(row.due_date, today, row.on_day);
      return stage ? [{ row, stage, keys: [] as string[] }] : [];
    });
    const contacts = await this.outbox.contacts(due.map(({ row }) => row.id));
    for (const item of due) item.keys = (contacts.get(item.row.id) ?? []).map((c) => dedupeKey(['reminder', item.stage.name, item.row.id, item.row.due_date], c));
    const unsent = await this.outbox.unsent(due.flatMap((item) => item.keys));
    const pending = due.filter((item) => item.keys.length && item.keys.every((key) => unsent.has(key)));
    let sent = 0;
    const failures: Error[] = [];
    for (let at = 0; at < pending.length; at += REMINDER_BATCH) {
      try {
        sent += await this.remind(pending.slice(at, at + REMINDER_BATCH), today);
      } catch (error) {
        failures.push(error as Error);
      }
    }
    if (failures.length) throw new Error(`${failures.length} batches of reminders failed, the first with: ${failures[0].message}`);
    return sent ? { assessment_reminder: sent } : {};
  }

  /**
   * New single-use links replace the unused ones, so a reminder must not be a duplicate: the
   * assessment row locks make a second sweep wait, then find the keys used and do nothing.
   */
  private remind(batch: Reminder[], today: string): Promise<number> {
    return this.uow.run(SYSTEM_ACTOR, async (work) => {
      // Locked in id order, so two sweeps never wait for each other in a circle.
      const locked = await work.manager.find(AssessmentEntity, { where: { id: In(batch.map((item) => item.row.id)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const used: { dedupe_key: string }[] = await work.manager.query('SELECT dedupe_key FROM notifications WHERE dedupe_key = ANY($1::text[])', [batch.flatMap((item) => item.keys)]);
      const usedKeys = new Set(used.map((row) => row.dedupe_key));
      let sent = 0;
      for (const { row, stage, keys } of batch) {
        const assessment = locked.find((a) => a.id === row.id);
        if (!assessment || !vendorMayAnswer(assessment.status) || assessment.dueDate !== row.due_date || keys.some((key) => usedKeys.has(key))) continue;
        const links = await this.invitations.issueLinks(work, assessment, (link) => vendorReminderMail(link, row.id, stage, daysBetween(row.due_date, today)));
        work.audit({
          action: 'assessment.reminded',
          entityType: 'assessment',
          entityId: row.id,
          changes: { reminder: { before: null, after: stage.name }, invitedContacts: { before: null, after: links.map((l) => l.contactId) } },
        });
        sent += links.length;
      }
      return sent;
    });
  }

  private async escalations(rows: AssessmentRow[], today: string): Promise<MailContent[]> {
    const late = rows.filter((row) => escalationDue(row.due_date, today));
    if (late.length === 0) return [];
    const [requesters, riskManagers] = await Promise.all([this.outbox.users(late.map((row) => row.requested_by)), this.outbox.riskManagers()]);
    return late.flatMap((row) =>
      everyone([requesters.get(row.requested_by)], riskManagers).map((to) => escalationMail(to, this.facts(row), daysBetween(row.due_date, today))),
    );
  }

  private async reviewNudges(today: string): Promise<MailContent[]> {
    const waiting: AssessmentRow[] = await this.db.query(
      `${SELECT}, to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS on_day ${FROM}
       WHERE a.status = 'submitted' AND a.submitted_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
      [addDays(today, -NUDGE_REVIEWERS_EVERY_DAYS)],
    );
    if (waiting.length === 0) return [];
    const [reviewers, riskManagers] = await Promise.all([this.outbox.users(waiting.map((row) => row.reviewer_id)), this.outbox.riskManagers()]);
    return waiting.flatMap((row) => {
      const stage = reviewNudgeOn(row.on_day, today);
      const reviewer = row.reviewer_id ? reviewers.get(row.reviewer_id) : undefined;
      const to: Recipient[] = reviewer ? [reviewer] : riskManagers;
      return stage ? to.map((recipient) => reviewNudgeMail(recipient, this.facts(row), stage, row.on_day)) : [];
    });
  }
}
