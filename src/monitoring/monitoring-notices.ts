import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { periodDueDate, periodToChase, type Period } from '../domain/monitoring/periods.js';
import { daysBetween, escalationDue, vendorReminderOn } from '../domain/schedule.js';
import type { MailContent } from '../notifications/templates.js';
import { NoticeOutbox } from '../schedules/notice-outbox.js';
import type { Recipient } from '../schedules/schedule-mails.js';
import { submissionEscalationMail, submissionReminderMail, type DueFacts } from './monitoring-mails.js';
import type { PlanMetric } from './monitoring-plan.entity.js';

interface PlanRow {
  ai_system_id: string;
  vendor_id: string;
  system_name: string;
  metrics: PlanMetric[];
  submission_window_days: number;
  active_from: string;
}

/** Figures one supplier owes for one period: the vendor, or a staff owner. */
interface Owed {
  plan: PlanRow;
  supplier: string;
  period: Period;
  dueDate: string;
  metrics: PlanMetric[];
}

/**
 * Monitoring figures chased like questionnaires: T-7, T-2, the due day, every 3 days overdue, and
 * the escalation contacts told once at 7 days overdue. Only the latest ended period is chased; an
 * older one left unsubmitted shows as a gap in the series. Dedupe keys make each notice once.
 */
@Injectable()
export class MonitoringNotices {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: NoticeOutbox,
  ) {}

  async sweep(today: string): Promise<Record<string, number>> {
    const plans: PlanRow[] = await this.db.query(
      `SELECT p.ai_system_id, s.vendor_id, s.name AS system_name, p.metrics, p.submission_window_days, p.active_from::text AS active_from
       FROM monitoring_plans p JOIN ai_systems s ON s.id = p.ai_system_id JOIN vendors v ON v.id = s.vendor_id
       WHERE p.status = 'active' AND v.status <> 'offboarded'`,
    );
    const owed = (await Promise.all(plans.map((plan) => this.owed(plan, today)))).flat();
    if (owed.length === 0) return {};
    const mails = [...(await this.reminders(owed, today)), ...(await this.escalations(owed, today))];
    return this.outbox.queueUnsent(mails);
  }

  /** Per cadence and supplier, the metrics of the period being chased that have no figure yet. */
  private async owed(plan: PlanRow, today: string): Promise<Owed[]> {
    const groups = new Map<string, PlanMetric[]>();
    for (const metric of plan.metrics) {
      const supplier = metric.source === 'vendor' ? 'vendor' : metric.ownerId;
      const key = `${metric.cadence}|${supplier}`;
      groups.set(key, [...(groups.get(key) ?? []), metric]);
    }
    const result: Owed[] = [];
    for (const [key, metrics] of groups) {
      const period = periodToChase(metrics[0].cadence, plan.active_from, today);
      if (!period) continue;
      const dueDate = periodDueDate(period, plan.submission_window_days);
      const done: { metric_key: string }[] = await this.db.query('SELECT metric_key FROM monitoring_readings WHERE ai_system_id = $1 AND period = $2', [plan.ai_system_id, period.label]);
      const missing = metrics.filter((m) => !done.some((row) => row.metric_key === m.key));
      if (missing.length) result.push({ plan, supplier: key.split('|')[1], period, dueDate, metrics: missing });
    }
    return result;
  }

  private facts(item: Owed): DueFacts {
    return { aiSystemId: item.plan.ai_system_id, systemName: item.plan.system_name, period: item.period.label, dueDate: item.dueDate, metrics: item.metrics.map((m) => m.key), url: this.outbox.url(`ai-systems/${item.plan.ai_system_id}/monitoring`) };
  }

  private async reminders(owed: Owed[], today: string): Promise<MailContent[]> {
    // The request is "sent" when the period ends: a stage that began before then is skipped.
    const due = owed.flatMap((item) => {
      const stage = vendorReminderOn(item.dueDate, today, item.period.end);
      return stage ? [{ item, stage }] : [];
    });
    if (due.length === 0) return [];
    const owners = await this.outbox.users(due.map(({ item }) => (item.supplier === 'vendor' ? null : item.supplier)));
    const mails: MailContent[] = [];
    for (const { item, stage } of due) {
      const to: Recipient[] = item.supplier === 'vendor' ? await this.vendorContacts(item.plan.vendor_id) : [owners.get(item.supplier)].filter((r): r is Recipient => Boolean(r));
      for (const recipient of to) mails.push(submissionReminderMail(recipient, this.facts(item), stage.name, daysBetween(item.dueDate, today)));
    }
    return mails;
  }

  private async escalations(owed: Owed[], today: string): Promise<MailContent[]> {
    const late = owed.filter((item) => escalationDue(item.dueDate, today));
    if (late.length === 0) return [];
    const contacts = await this.outbox.users(late.flatMap((item) => item.metrics.map((m) => m.escalationContactId)));
    return late.flatMap((item) => {
      const to = [...new Set(item.metrics.map((m) => m.escalationContactId))].map((id) => contacts.get(id)).filter((r): r is Recipient => Boolean(r));
      return to.map((recipient) => submissionEscalationMail(recipient, this.facts(item), daysBetween(item.dueDate, today)));
    });
  }

  private vendorContacts(vendorId: string): Promise<Recipient[]> {
    return this.db.query('SELECT email AS id, email, name FROM vendor_contacts WHERE vendor_id = $1 ORDER BY email LIMIT 20', [vendorId]);
  }
}
