import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage, PageQuery } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { CreatedWebhookResponse, CreateWebhookRequest, DeliveryListQuery, DeliveryPage, DeliveryResponse, WebhookPage, WebhookResponse } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'List the webhooks that receive events' })
  @ApiOkResponse({ type: WebhookPage, description: 'Newest first; secrets are never shown again' })
  async listWebhooks(@Query() query: PageQuery): Promise<WebhookPage> {
    return mapPage(await this.webhooks.list(query), WebhookResponse.of);
  }

  @Post()
  @Authenticated(Role.Admin)
  @Idempotent()
  @ApiOperation({ summary: 'Register a webhook for some events and get its signing secret' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse, description: 'The webhook; its secret is shown only here' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`webhook_url_refused`: not https, or the host is (or resolves to) a private, loopback or link-local address' })
  async createWebhook(@Body() body: CreateWebhookRequest, @CurrentActor() actor: Actor): Promise<CreatedWebhookResponse> {
    const { webhook, secret } = await this.webhooks.create(actor, body);
    return { ...WebhookResponse.of(webhook), secret };
  }

  @Delete(':id')
  @Authenticated(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook; its delivery log stays' })
  @ApiNoContentResponse({ description: 'Deleted; nothing more is sent to it' })
  async deleteWebhook(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  @Get(':id/deliveries')
  @Authenticated(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: "List a webhook's deliveries with their status and attempts" })
  @ApiOkResponse({ type: DeliveryPage, description: 'Newest first' })
  async listWebhookDeliveries(@Param('id', IdPipe) id: string, @Query() query: DeliveryListQuery): Promise<DeliveryPage> {
    return mapPage(await this.webhooks.deliveries(id, query), DeliveryResponse.of);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @Authenticated(Role.Admin)
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again, with the same webhook-id' })
  @ApiAcceptedResponse({ type: DeliveryResponse, description: 'Queued; the delivery log shows the outcome' })
  async redeliverWebhookDelivery(@Param('id', IdPipe) id: string, @Param('deliveryId', IdPipe) deliveryId: string, @CurrentActor() actor: Actor): Promise<DeliveryResponse> {
    return DeliveryResponse.of(await this.webhooks.redeliver(actor, id, deliveryId));
  }
}
