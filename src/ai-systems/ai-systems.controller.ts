import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { Clock } from '../common/clock.js';
import { entityTag } from '../common/etag.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage } from '../common/pagination.js';
import { AiSystemsService } from './ai-systems.service.js';
import { AiSystemListQuery, AiSystemPage, AiSystemResponse, CreateAiSystemRequest, UpdateAiSystemRequest } from './dto/ai-system.dto.js';

const WRITERS = [Role.Procurement, Role.RiskManager];

@ApiTags('ai-systems')
@Controller()
export class AiSystemsController {
  constructor(
    private readonly systems: AiSystemsService,
    private readonly clock: Clock,
  ) {}

  @Get('vendors/:id/ai-systems')
  @ApiOperation({ summary: 'List a vendor\'s AI systems' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: AiSystemPage })
  async listVendorAiSystems(@Param('id', IdPipe) vendorId: string, @Query() query: AiSystemListQuery): Promise<AiSystemPage> {
    return mapPage(await this.systems.listForVendor(vendorId, query), (s) => AiSystemResponse.of(s, this.clock.today()));
  }

  @Post('vendors/:id/ai-systems')
  @ApiOperation({ summary: 'Register an AI system for a vendor' })
  @Authenticated(...WRITERS)
  @Idempotent()
  @ApiCreatedResponse({ type: AiSystemResponse, headers: etagHeader('Send back as If-Match to update') })
  async createAiSystem(
    @Param('id', IdPipe) vendorId: string,
    @Body() body: CreateAiSystemRequest,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AiSystemResponse> {
    const system = await this.systems.create(actor, vendorId, body);
    void reply.header('etag', entityTag(system.version));
    return AiSystemResponse.of(system, this.clock.today());
  }

  @Get('ai-systems/:id')
  @ApiOperation({ summary: 'Read an AI system' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: AiSystemResponse, headers: etagHeader('Send back as If-Match to update') })
  async getAiSystem(@Param('id', IdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AiSystemResponse> {
    const system = await this.systems.get(id);
    void reply.header('etag', entityTag(system.version));
    return AiSystemResponse.of(system, this.clock.today());
  }

  @Patch('ai-systems/:id')
  @ApiOperation({ summary: 'Change an AI system\'s details' })
  @Authenticated(...WRITERS)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag as read; 412 if the AI system changed since' })
  @ApiOkResponse({ type: AiSystemResponse, headers: etagHeader('The new version, for the next update') })
  async updateAiSystem(
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateAiSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AiSystemResponse> {
    const system = await this.systems.update(actor, id, body, ifMatch);
    void reply.header('etag', entityTag(system.version));
    return AiSystemResponse.of(system, this.clock.today());
  }
}
