import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { Mailer } from './mailer.js';
import { NotificationEntity, NotificationStatus } from './notification.entity.js';

/** Invitation links are single-use secrets: once delivered, the stored copy loses them. */
export function withoutSecrets(body: string): string {
  return body.replace(/#token=[A-Za-z0-9_-]+/g, '#token=[delivered]');
}

@Injectable()
export class NotificationJobs {
  private readonly logger = new Logger('notifications');

  constructor(
    private readonly db: DataSource,
    private readonly mailer: Mailer,
  ) {}

  /**
   * At most once per message: the row is marked `sending` (committed) before SMTP is called. A
   * retry that finds `sending` means a worker died mid-send; it is not resent but flagged.
   */
  @JobHandler(JobName.SendEmail)
  async sendEmail({ notificationId }: JobPayloads[JobName.SendEmail], job: Job): Promise<string> {
    const message = await this.claim(notificationId);
    if (!message) return 'skipped';
    try {
      const messageId = await this.mailer.send({
        id: message.id,
        to: message.recipient,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
      });
      await this.db.getRepository(NotificationEntity).update(
        { id: message.id },
        { status: NotificationStatus.Sent, messageId, sentAt: new Date(), lastError: null, textBody: withoutSecrets(message.textBody), htmlBody: withoutSecrets(message.htmlBody) },
      );
      return 'sent';
    } catch (error) {
      // The server did not accept the message, so trying again cannot duplicate it.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.db.getRepository(NotificationEntity).update(
        { id: message.id },
        { status: lastAttempt ? NotificationStatus.Failed : NotificationStatus.Pending, lastError: (error as Error).message.slice(0, 500) },
      );
      throw error;
    }
  }

  private async claim(id: string): Promise<NotificationEntity | null> {
    return this.db.transaction(async (manager) => {
      const message = await manager.findOne(NotificationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!message) return null;
      if (message.status === NotificationStatus.Sending) {
        this.logger.warn({ notificationId: id }, 'a previous send was interrupted; not resending');
        await manager.update(NotificationEntity, { id }, { status: NotificationStatus.Unconfirmed });
        return null;
      }
      if (message.status !== NotificationStatus.Pending) return null;
      await manager.update(NotificationEntity, { id }, { status: NotificationStatus.Sending, attempts: message.attempts + 1 });
      return message;
    });
  }
}
