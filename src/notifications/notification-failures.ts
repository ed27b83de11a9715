import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../common/actor.js';
import type { Work } from '../database/unit-of-work.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotificationStatus } from './notification.entity.js';

const MAX_ERROR = 500;

/** A message that gives up says so where people look: its row, the audit trail and the metrics. */
@Injectable()
export class NotificationFailures {
  private readonly logger = new Logger('notifications');

  constructor(private readonly uow: UnitOfWork) {}

  /** Marks the message failed unless it was sent meanwhile; true when this call gave it up. */
  async giveUp(id: string, reason: string): Promise<boolean> {
    return this.uow.run(SYSTEM_ACTOR, (work) => this.giveUpIn(work, id, reason));
  }

  async giveUpIn(work: Work, id: string, reason: string): Promise<boolean> {
    const [rows] = (await work.manager.query(
      `UPDATE notifications n SET status = 'failed', last_error = $2
       FROM (SELECT id, status FROM notifications WHERE id = $1 FOR UPDATE) before
       WHERE n.id = before.id AND before.status NOT IN ('sent', 'failed')
       RETURNING before.status AS "previous", n.attempts, n.kind`,
      [id, reason.slice(0, MAX_ERROR)],
    )) as [{ previous: string; attempts: number; kind: string }[], number];
    const given = rows[0];
    if (!given) return false;
    work.audit({
      action: 'notification.failed',
      entityType: 'notification',
      entityId: id,
      changes: { status: { before: given.previous, after: NotificationStatus.Failed }, attempts: { before: null, after: given.attempts }, lastError: { before: null, after: reason.slice(0, MAX_ERROR) } },
    });
    this.logger.warn({ notificationId: id, kind: given.kind, attempts: given.attempts, err: reason }, 'a message was given up');
    return true;
  }
}
