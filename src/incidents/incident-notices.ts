import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { deadlineNoticeAt, type Deadline } from '../domain/monitoring/incident-deadlines.js';
import type { MailContent } from '../notifications/templates.js';
import { NoticeOutbox } from '../schedules/notice-outbox.js';
import type { IncidentEntity, StoredDeadline } from './incident.entity.js';
import { deadlineReminderMail } from './incident-mail.js';

interface IncidentRow {
  id: string;
  type: IncidentEntity['type'];
  severity: IncidentEntity['severity'];
  deadlines: StoredDeadline[];
  system_name: string;
}

/** Reporting deadlines not yet met: the risk managers are reminded a day and two hours before, and once when missed. */
@Injectable()
export class IncidentNotices {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: NoticeOutbox,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const rows: IncidentRow[] = await this.db.query(
      `SELECT i.id, i.type, i.severity, i.deadlines, s.name AS system_name FROM incidents i JOIN ai_systems s ON s.id = i.ai_system_id
       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(i.deadlines) d WHERE d->>'notifiedAt' IS NULL)`,
    );
    const due = rows.flatMap((row) =>
      row.deadlines.flatMap((stored) => {
        const deadline: Deadline = { regime: stored.regime as Deadline['regime'], stage: stored.stage as Deadline['stage'], dueAt: new Date(stored.dueAt), rule: stored.rule, notifiedAt: stored.notifiedAt ? new Date(stored.notifiedAt) : null };
        const notice = deadlineNoticeAt(deadline, now);
        return notice ? [{ row, stored, stage: notice.name }] : [];
      }),
    );
    if (due.length === 0) return {};
    const managers = await this.outbox.riskManagers();
    const mails: MailContent[] = due.flatMap(({ row, stored, stage }) =>
      managers.map((to) => deadlineReminderMail(to, { incidentId: row.id, systemName: row.system_name, type: row.type, severity: row.severity, url: this.outbox.url(`incidents/${row.id}`) }, stored, stage)),
    );
    return this.outbox.queueUnsent(mails);
  }
}
