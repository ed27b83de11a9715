import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { afterRefusal, nextDeliveryStep, type DeliveryState, type DeliveryStep } from '../domain/notification-delivery.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { PermanentJobError } from '../queue/worker.host.js';
import { Mailer } from './mailer.js';
import { NotificationFailures } from './notification-failures.js';
import { NotificationEntity, NotificationStatus } from './notification.entity.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config.js';

/** Invitation links are single-use secrets: once delivered, the stored copy loses them. */
export function withoutSecrets(body: string): string {
  return body.replace(/#token=[A-Za-z0-9_-]+/g, '#token=[delivered]');
}

@Injectable()
export class NotificationJobs {
  private readonly logger = new Logger('notifications');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly mailer: Mailer,
    private readonly failures: NotificationFailures,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /**
   * The row is marked `sending` (committed) before SMTP is called. A job that finds `sending`
   * within the grace period leaves it to the worker still at it; after it, the worker is taken for
   * dead and the message goes again with the same Message-ID, until its attempts run out.
   */
  @JobHandler(JobName.SendEmail)
  async sendEmail({ notificationId }: JobPayloads[JobName.SendEmail], job: Job): Promise<string> {
    const claimed = await this.claim(notificationId);
    if (claimed !== 'send') return claimed === 'give_up' ? 'failed' : 'skipped';
    const message = (await this.db.getRepository(NotificationEntity).findOneBy({ id: notificationId }))!;
    try {
      const messageId = await this.mailer.send({ id: message.id, to: message.recipient, subject: message.subject, text: message.textBody, html: message.htmlBody });
      await this.db.getRepository(NotificationEntity).update(
        { id: message.id },
        { status: NotificationStatus.Sent, messageId, sentAt: new Date(), lastError: null, textBody: withoutSecrets(message.textBody), htmlBody: withoutSecrets(message.htmlBody) },
      );
      return 'sent';
    } catch (error) {
      throw await this.refused(message, error as Error, job);
    }
  }

  /** The server did not accept the message, so trying again cannot duplicate it; returns what to throw. */
  private async refused(message: NotificationEntity, error: Error, job: Job): Promise<Error> {
    const lastJobAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const reason = error.message || error.name;
    if (afterRefusal(message.attempts, this.config.maxAttempts, lastJobAttempt) === 'give_up') {
      await this.failures.giveUp(message.id, reason);
      return new PermanentJobError(reason);
    }
    await this.db.getRepository(NotificationEntity).update({ id: message.id, status: NotificationStatus.Sending }, { status: NotificationStatus.Pending, lastError: reason.slice(0, 500) });
    return error;
  }

  /** Decides under the row lock, so two jobs for one message never both send it. */
  private async claim(id: string): Promise<DeliveryStep> {
    return this.uow.run(SYSTEM_ACTOR, async (work) => {
      const state = await this.stateOf(work.manager, id);
      if (!state) return 'skip';
      const step = nextDeliveryStep(state, this.config.maxAttempts);
      if (step === 'give_up') await this.failures.giveUpIn(work, id, `The send was interrupted or refused ${state.attempts} times`);
      if (step === 'send') {
        if (state.status !== NotificationStatus.Pending) this.logger.warn({ notificationId: id, attempts: state.attempts }, 'an interrupted send is tried again');
        await work.manager.query(`UPDATE notifications SET status = 'sending', attempts = attempts + 1, attempted_at = now() WHERE id = $1`, [id]);
      }
      return step;
    });
  }

  private async stateOf(manager: EntityManager, id: string): Promise<DeliveryState | undefined> {
    const [row] = (await manager.query(
      `SELECT status, attempts, coalesce(attempted_at, created_at) < now() - make_interval(secs => $2) AS stale FROM notifications WHERE id = $1 FOR UPDATE`,
      [id, this.config.retryGraceSeconds],
    )) as DeliveryState[];
    return row;
  }
}
