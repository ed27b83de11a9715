import { Module } from '@nestjs/common';
import { WebhookDeliveryJobs } from './webhook-delivery.jobs.js';
import { WebhookRecovery } from './webhook-recovery.js';
import { WebhooksController } from './webhooks.controller.js';
import { loadWebhooksConfig, WEBHOOKS_CONFIG } from './webhooks.config.js';
import { WebhooksService } from './webhooks.service.js';

/** Outbound events: registration, signed delivery with retries, the delivery log. */
@Module({
  controllers: [WebhooksController],
  providers: [{ provide: WEBHOOKS_CONFIG, useFactory: () => loadWebhooksConfig() }, WebhooksService, WebhookDeliveryJobs, WebhookRecovery],
  exports: [WebhookRecovery],
})
export class WebhooksModule {}
