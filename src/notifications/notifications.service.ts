import { Injectable } from '@nestjs/common';
import type { Work } from '../database/unit-of-work.js';
import { job, JobName } from '../queue/jobs.js';
import { NotificationEntity } from './notification.entity.js';
import type { MailContent } from './templates.js';

@Injectable()
export class NotificationsService {
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
}
