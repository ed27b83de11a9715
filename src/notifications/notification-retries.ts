import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { job, JobName } from '../queue/jobs.js';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config.js';

const BATCH = 500;

/**
 * Finds messages that should have gone out by now (a send that never finished, or a pending one
 * whose job the queue lost) and queues them again; the send job decides under the row lock
 * whether to send, wait or give up, so an extra job never sends twice.
 */
@Injectable()
export class NotificationRetries {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async sweep(): Promise<{ resent: number }> {
    const overdue: { id: string; attempts: number }[] = await this.db.query(
      `SELECT id, attempts FROM notifications
       WHERE status IN ('pending', 'sending', 'unconfirmed') AND coalesce(attempted_at, created_at) < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT ${BATCH}`,
      [this.config.retryGraceSeconds],
    );
    if (overdue.length === 0) return { resent: 0 };
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      // One job id per attempt: sweeps until the next attempt starts add nothing.
      for (const { id, attempts } of overdue) work.enqueue(job(JobName.SendEmail, { notificationId: id }, `${id}.resend-${attempts}`));
    });
    return { resent: overdue.length };
  }
}
