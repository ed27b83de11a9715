import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import type { Work } from '../database/unit-of-work.js';
import { job, JobName } from '../queue/jobs.js';
import type { NotificationListQuery } from './dto/notification.dto.js';
import { NotificationEntity } from './notification.entity.js';
import type { MailContent } from './templates.js';

@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource) {}

  /** Without the bodies: they are not shown, and a long list of them is heavy. */
  async list(query: NotificationListQuery): Promise<Page<NotificationEntity>> {
    const columns = ['id', 'kind', 'recipient', 'subject', 'status', 'attempts', 'lastError', 'createdAt', 'attemptedAt', 'sentAt'];
    const qb = this.db.getRepository(NotificationEntity).createQueryBuilder('n').select(columns.map((column) => `n.${column}`));
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    return keysetPage(qb, byCreation('n', true), query);
  }

  /**
   * Records a message in the caller's transaction and sends it after commit. A message whose
   * dedupe key was already used is dropped (returns false): the same mail never goes out twice.
   */
  async queue(work: Work, mail: MailContent): Promise<boolean> {
    const result = await work.manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        kind: mail.kind,
        recipient: mail.recipient,
        dedupeKey: mail.dedupeKey,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    if (!id) return false;
    work.enqueue(job(JobName.SendEmail, { notificationId: id }, id));
    return true;
  }

  /** The same for many messages in one statement; returns the dedupe keys that were new. */
  async queueAll(work: Work, mails: MailContent[]): Promise<string[]> {
    if (mails.length === 0) return [];
    const column = (pick: (mail: MailContent) => string) => mails.map(pick);
    const rows: { id: string; dedupe_key: string }[] = await work.manager.query(
      `INSERT INTO notifications (kind, recipient, dedupe_key, subject, text_body, html_body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT DO NOTHING RETURNING id, dedupe_key`,
      [column((m) => m.kind), column((m) => m.recipient), column((m) => m.dedupeKey), column((m) => m.subject), column((m) => m.text), column((m) => m.html)],
    );
    for (const { id } of rows) work.enqueue(job(JobName.SendEmail, { notificationId: id }, id));
    return rows.map((row) => row.dedupe_key);
  }
}
