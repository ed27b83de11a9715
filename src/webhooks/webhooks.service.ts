import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { conflict, notFound, unprocessable, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page, type PageQuery } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { newWebhookSecret } from '../domain/webhook-signature.js';
import type { CreateWebhookRequest, DeliveryListQuery } from './dto/webhook.dto.js';
import { sealSecret } from './secret-box.js';
import { deliveryJob } from './webhook-events.js';
import { DeliveryStatus, WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { checkWebhookUrl, RefusedTarget, resolveWebhookHost } from './webhook-target.js';
import { WebhookEntity } from './webhook.entity.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from './webhooks.config.js';

export type DeliveryRow = WebhookDeliveryEntity & { eventType: string };

@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  list(query: PageQuery): Promise<Page<WebhookEntity>> {
    const qb = this.db.getRepository(WebhookEntity).createQueryBuilder('w').where('w.deleted_at IS NULL');
    return keysetPage(qb, byCreation('w', true), query);
  }

  /** The URL is checked now (and again at every attempt, as its DNS may change); the secret is returned once. */
  async create(actor: Actor, request: CreateWebhookRequest): Promise<{ webhook: WebhookEntity; secret: string }> {
    await this.checkTarget(request.url);
    const secret = newWebhookSecret();
    return this.uow.run(actor, async (work) => {
      const webhook = await work.manager.save(
        work.manager.create(WebhookEntity, {
          url: request.url,
          events: request.events,
          description: request.description ?? null,
          secretSealed: sealSecret(secret, this.config.secretKey),
          secretHint: secret.slice(0, 10),
          createdBy: actor.userId,
        }),
      );
      work.audit({
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: webhook.id,
        changes: { url: { before: null, after: webhook.url }, events: { before: null, after: webhook.events } },
      });
      return { webhook, secret };
    });
  }

  private async checkTarget(raw: string): Promise<void> {
    if (!URL.canParse(raw)) throw validationFailed([{ field: 'url', message: 'must be an absolute URL such as https://grc.bank.example/hooks/assay' }]);
    try {
      await resolveWebhookHost(checkWebhookUrl(raw, this.config.allowPrivate), this.config.allowPrivate);
    } catch (error) {
      if (!(error instanceof RefusedTarget)) throw error;
      throw unprocessable('webhook_url_refused', `The webhook URL ${error.message}`, { errors: [{ field: 'url', message: error.message }] });
    }
  }

  /** Nothing more is sent to it; its delivery log stays readable. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.uow.run(actor, async (work) => {
      const webhook = await work.manager.findOne(WebhookEntity, { where: { id, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!webhook) throw notFound('Webhook');
      await work.manager.update(WebhookEntity, { id }, { deletedAt: new Date() });
      work.audit({ action: 'webhook.deleted', entityType: 'webhook', entityId: id, changes: { url: { before: webhook.url, after: null } } });
    });
  }

  async deliveries(webhookId: string, query: DeliveryListQuery): Promise<Page<DeliveryRow>> {
    if (!(await this.db.getRepository(WebhookEntity).existsBy({ id: webhookId }))) throw notFound('Webhook');
    const qb = this.db
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin('d.event', 'e')
      .addSelect('e.type')
      .where('d.webhook_id = :webhookId', { webhookId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    const page = await keysetPage(qb, byCreation('d', true), query);
    return { ...page, items: page.items.map((d) => Object.assign(d, { eventType: d.event!.type })) };
  }

  /** The same delivery (same `webhook-id`) sent again now, with a fresh retry window. */
  async redeliver(actor: Actor, webhookId: string, deliveryId: string): Promise<DeliveryRow> {
    return this.uow.run(actor, async (work) => {
      const delivery = await work.manager.findOne(WebhookDeliveryEntity, { where: { id: deliveryId, webhookId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw notFound('Delivery');
      const webhook = await work.manager.findOneByOrFail(WebhookEntity, { id: webhookId });
      if (webhook.deletedAt) throw conflict('webhook_deleted', 'The webhook was deleted: nothing is sent to it any more');
      if (delivery.status === DeliveryStatus.Delivering) throw conflict('delivery_in_progress', 'An attempt is under way: wait for its outcome');
      const before = delivery.status;
      Object.assign(delivery, { status: DeliveryStatus.Pending, round: delivery.round + 1, windowStartedAt: new Date(), nextAttemptAt: new Date() });
      await work.manager.update(WebhookDeliveryEntity, { id: deliveryId }, { status: delivery.status, round: delivery.round, windowStartedAt: delivery.windowStartedAt, nextAttemptAt: delivery.nextAttemptAt });
      work.enqueue(deliveryJob(delivery.id, delivery.round, delivery.attempts));
      work.audit({ action: 'webhook.redelivery_requested', entityType: 'webhook', entityId: webhookId, changes: { deliveryId: { before: null, after: deliveryId }, status: { before, after: delivery.status } } });
      const event = await work.manager.query(`SELECT type FROM webhook_events WHERE id = $1`, [delivery.eventId]);
      return Object.assign(delivery, { eventType: event[0].type as string });
    });
  }
}
