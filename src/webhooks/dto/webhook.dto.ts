import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import { DeliveryStatus, type WebhookDeliveryEntity } from '../webhook-delivery.entity.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events.js';
import type { WebhookEntity } from '../webhook.entity.js';

export class CreateWebhookRequest {
  @ApiProperty({ example: 'https://grc.bank.example/hooks/assay', maxLength: 2000, description: 'https; private, loopback and link-local addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true' })
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true, example: ['assessment.submitted', 'decision.recorded'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];

  @ApiPropertyOptional({ example: 'GRC ticketing', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true }) events: WebhookEventType[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'The first characters of the signing secret', example: 'whsec_MfKQ' }) secretHint: string;
  @ApiProperty() createdAt: Date;

  static of(webhook: WebhookEntity): WebhookResponse {
    return { id: webhook.id, url: webhook.url, events: webhook.events as WebhookEventType[], description: webhook.description, secretHint: webhook.secretHint, createdAt: webhook.createdAt };
  }
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks `whsec_` form). It is shown only in this response.', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}

export class WebhookPage extends PageOf(WebhookResponse) {}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'Sent as the `webhook-id` header, the same on every retry and redelivery' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType' }) eventType: WebhookEventType;
  @ApiProperty({ enum: DeliveryStatus, enumName: 'WebhookDeliveryStatus', description: 'pending -> delivering -> succeeded, or failed once the retry window is spent' }) status: DeliveryStatus;
  @ApiProperty({ description: 'Attempts made, redeliveries included' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The HTTP status the receiver answered last' }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) lastError: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When the next attempt is due' }) nextAttemptAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) attemptedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;

  static of(delivery: WebhookDeliveryEntity & { eventType: string }): DeliveryResponse {
    return {
      id: delivery.id,
      webhookId: delivery.webhookId,
      eventId: delivery.eventId,
      eventType: delivery.eventType as WebhookEventType,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      nextAttemptAt: delivery.nextAttemptAt,
      attemptedAt: delivery.attemptedAt,
      deliveredAt: delivery.deliveredAt,
      createdAt: delivery.createdAt,
    };
  }
}

export class DeliveryPage extends PageOf(DeliveryResponse) {}

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DeliveryStatus, enumName: 'WebhookDeliveryStatus' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus;
}
