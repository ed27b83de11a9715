import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { DeliveryStatus, WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { deliveryJob } from './webhook-events.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks.config.js';

const BATCH = 500;
/** A pending delivery this late lost its job (a queue restarted empty, say). */
const LOST_AFTER_SECONDS = 300;

interface OpenDelivery {
  id: string;
  round: number;
  attempts: number;
}

/**
 * The sweep's part for webhooks: an attempt whose worker died is counted as failed and tried
 * again; a pending delivery whose job is gone is queued again under the same job id, so a job
 * still waiting in the queue is not doubled, and the claim's checks stop any second send.
 */
@Injectable()
export class WebhookRecovery {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  async sweep(): Promise<Record<string, number>> {
    const stuckAfter = Math.ceil(this.config.timeoutMs / 1000) + 60;
    const interrupted: OpenDelivery[] = await this.db.query(
      `SELECT id, round, attempts FROM webhook_deliveries WHERE status = 'delivering' AND attempted_at < now() - make_interval(secs => $1) ORDER BY attempted_at LIMIT ${BATCH}`,
      [stuckAfter],
    );
    const lost: OpenDelivery[] = await this.db.query(
      `SELECT id, round, attempts FROM webhook_deliveries WHERE status = 'pending' AND coalesce(next_attempt_at, created_at) < now() - make_interval(secs => $1) ORDER BY created_at LIMIT ${BATCH}`,
      [LOST_AFTER_SECONDS],
    );
    if (interrupted.length + lost.length === 0) return {};
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      for (const d of interrupted) {
        const moved = await work.manager.update(
          WebhookDeliveryEntity,
          { id: d.id, status: DeliveryStatus.Delivering, attempts: d.attempts },
          { status: DeliveryStatus.Pending, lastError: 'the attempt was interrupted', nextAttemptAt: new Date() },
        );
        if (moved.affected) work.enqueue(deliveryJob(d.id, d.round, d.attempts));
      }
      for (const d of lost) work.enqueue(deliveryJob(d.id, d.round, d.attempts));
    });
    return { requeued: interrupted.length + lost.length };
  }
}
