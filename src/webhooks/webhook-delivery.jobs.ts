import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { nextRetryDelay, webhookSignature } from '../domain/webhook-signature.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { openSecret } from './secret-box.js';
import { deliveryJob } from './webhook-events.js';
import { DeliveryStatus, WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEventEntity } from './webhook-event.entity.js';
import { sendWebhook, type SendOutcome } from './webhook-sender.js';
import { WebhookEntity } from './webhook.entity.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks.config.js';

interface Claimed {
  delivery: WebhookDeliveryEntity;
  webhook: WebhookEntity;
  event: WebhookEventEntity;
}

/** The body every attempt sends, byte for byte: the event as Standard Webhooks shapes it. */
export function deliveryBody(event: WebhookEventEntity): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
}

@Injectable()
export class WebhookDeliveryJobs {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  /**
   * One attempt. The row is claimed under its lock first, so a job queued twice (or a stale job of
   * an earlier round) sends nothing; a failed attempt queues the next one through the outbox.
   */
  @JobHandler(JobName.DeliverWebhook)
  async deliverWebhook({ deliveryId, round, attempt }: JobPayloads[JobName.DeliverWebhook]): Promise<string> {
    const claimed = await this.claim(deliveryId, round, attempt);
    if (!claimed) return 'skipped';
    const outcome = await this.attempt(claimed);
    await this.record(claimed.delivery, outcome);
    return outcome.delivered ? 'delivered' : `failed: ${outcome.error}`;
  }

  private async attempt({ delivery, webhook, event }: Claimed): Promise<SendOutcome> {
    const body = deliveryBody(event);
    // Receivers compare this with their own clock, so it is the wall clock, not the business Clock.
    const timestamp = Math.floor(Date.now() / 1000);
    let secret: string;
    try {
      secret = openSecret(webhook.secretSealed, this.config.secretKey);
    } catch (error) {
      return { delivered: false, statusCode: null, error: (error as Error).message };
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Assay-Webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(secret, delivery.id, timestamp, body),
    };
    return sendWebhook({ url: webhook.url, headers, body, timeoutMs: this.config.timeoutMs, allowPrivate: this.config.allowPrivate });
  }

  private async claim(id: string, round: number, attempt: number): Promise<Claimed | null> {
    return this.db.transaction(async (manager) => {
      const delivery = await manager.findOne(WebhookDeliveryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!delivery || delivery.status !== DeliveryStatus.Pending || delivery.round !== round || delivery.attempts !== attempt) return null;
      const webhook = await manager.findOneByOrFail(WebhookEntity, { id: delivery.webhookId });
      if (webhook.deletedAt) {
        await manager.update(WebhookDeliveryEntity, { id }, { status: DeliveryStatus.Failed, lastError: 'the webhook was deleted', nextAttemptAt: null });
        return null;
      }
      const event = await manager.findOneByOrFail(WebhookEventEntity, { id: delivery.eventId });
      delivery.status = DeliveryStatus.Delivering;
      delivery.attempts += 1;
      delivery.attemptedAt = new Date();
      delivery.nextAttemptAt = null;
      await manager.update(WebhookDeliveryEntity, { id }, { status: delivery.status, attempts: delivery.attempts, attemptedAt: delivery.attemptedAt, nextAttemptAt: null });
      return { delivery, webhook, event };
    });
  }

  /** Delivered, or the next attempt after the backoff, or given up once the retry window is spent. */
  private async record(delivery: WebhookDeliveryEntity, outcome: SendOutcome): Promise<void> {
    const common = { lastStatusCode: outcome.statusCode, lastError: outcome.error?.slice(0, 500) ?? null };
    if (outcome.delivered) {
      await this.db.getRepository(WebhookDeliveryEntity).update({ id: delivery.id }, { ...common, status: DeliveryStatus.Succeeded, deliveredAt: new Date() });
      return;
    }
    const elapsedSeconds = (Date.now() - delivery.windowStartedAt.getTime()) / 1000;
    const delay = nextRetryDelay(delivery.attempts, elapsedSeconds, this.config.retry);
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      if (delay === null) {
        await work.manager.update(WebhookDeliveryEntity, { id: delivery.id }, { ...common, status: DeliveryStatus.Failed });
        return;
      }
      const nextAttemptAt = new Date(Date.now() + delay * 1000);
      await work.manager.update(WebhookDeliveryEntity, { id: delivery.id }, { ...common, status: DeliveryStatus.Pending, nextAttemptAt });
      work.enqueue(deliveryJob(delivery.id, delivery.round, delivery.attempts, delay * 1000));
    });
  }
}
