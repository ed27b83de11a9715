import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, obligationNoticeOn, OBLIGATION_NOTICE_DAYS } from '../domain/schedule.js';
import type { MailContent } from '../notifications/templates.js';
import { everyone, NoticeOutbox } from './notice-outbox.js';
import { conditionMail, remediationMail } from './schedule-mails.js';

interface ObligationRow {
  id: string;
  title: string;
  due_date: string;
  owner_id: string | null;
  assessment_id: string;
  requested_by: string;
  system_name: string;
}

/** The requester and the AI system's name, looked up per row by key: few rows, large tables. */
const BY_KEY = (alias: string) =>
  `(SELECT a.requested_by FROM assessments a WHERE a.id = ${alias}.assessment_id) AS requested_by, (SELECT s.name FROM ai_systems s WHERE s.id = ${alias}.ai_system_id) AS system_name`;

/** Open conditions of approvals and the vendor's remediation items, due within a week or overdue. */
@Injectable()
export class ObligationNotices {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: NoticeOutbox,
  ) {}

  async sweep(today: string): Promise<Record<string, number>> {
    const horizon = addDays(today, OBLIGATION_NOTICE_DAYS);
    const [conditions, remediation] = await Promise.all([this.conditions(today, horizon), this.remediation(today, horizon)]);
    return this.outbox.queueUnsent([...conditions, ...remediation]);
  }

  /** To the condition's owner (the requester when it has none); once overdue, the risk managers too. */
  private async conditions(today: string, horizon: string): Promise<MailContent[]> {
    const rows: ObligationRow[] = await this.db.query(
      `SELECT c.id, c.text AS title, c.due_date::text AS due_date, c.owner_id, c.assessment_id, ${BY_KEY('c')}
       FROM conditions c WHERE c.status IN ('open', 'proposed_met') AND c.due_date <= $1::date`,
      [horizon],
    );
    if (rows.length === 0) return [];
    const [users, riskManagers] = await Promise.all([this.outbox.users(rows.flatMap((r) => [r.owner_id, r.requested_by])), this.outbox.riskManagers()]);
    return rows.flatMap((row) => {
      const stage = obligationNoticeOn(row.due_date, today);
      if (!stage) return [];
      const owner = users.get(row.owner_id ?? row.requested_by);
      const to = everyone([owner], stage.name === 'due' ? [] : riskManagers);
      const facts = { id: row.id, title: row.title, systemName: row.system_name, dueDate: row.due_date, url: this.outbox.url(`conditions/${row.id}`) };
      return to.map((recipient) => conditionMail(recipient, facts, stage));
    });
  }

  /** Findings addressed to the vendor: to the assessment's vendor contacts, and the finding's owner. */
  private async remediation(today: string, horizon: string): Promise<MailContent[]> {
    const rows: ObligationRow[] = await this.db.query(
      `SELECT f.id, f.title, f.due_date::text AS due_date, f.owner_id, f.assessment_id, ${BY_KEY('f')}
       FROM findings f WHERE f.status IN ('open', 'remediation_planned') AND f.visible_to_vendor AND f.due_date <= $1::date`,
      [horizon],
    );
    if (rows.length === 0) return [];
    const [owners, contacts] = await Promise.all([this.outbox.users(rows.map((r) => r.owner_id)), this.outbox.contacts(rows.map((r) => r.assessment_id))]);
    return rows.flatMap((row) => {
      const stage = obligationNoticeOn(row.due_date, today);
      if (!stage) return [];
      const to = everyone(contacts.get(row.assessment_id) ?? [], [row.owner_id ? owners.get(row.owner_id) : undefined]);
      const facts = { id: row.id, title: row.title, systemName: row.system_name, dueDate: row.due_date, url: this.outbox.url(`findings/${row.id}`) };
      return to.map((recipient) => remediationMail(recipient, facts, stage));
    });
  }
}
