import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { entityTag } from '../common/etag.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import type { Page } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { CommentRequest, CommentResponse, CreateFindingRequest, FindingList, FindingListQuery, FindingResponse, RiskAcceptanceRequest, UpdateFindingRequest } from './dto/finding.dto.js';
import type { FindingEntity } from './finding.entity.js';
import { FindingsService } from './findings.service.js';
import { RiskAcceptancesService } from './risk-acceptances.service.js';

@ApiTags('findings')
@Controller()
export class FindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly acceptances: RiskAcceptancesService,
  ) {}

  private async page(principal: Principal, page: Page<FindingEntity>): Promise<FindingList> {
    const views = await this.findings.views(page.items);
    return { items: views.map((v) => FindingResponse.of(v.finding, v.comments, v.acceptance, principal.role === Role.Vendor, v.evidenceIds)), nextCursor: page.nextCursor };
  }

  private async one(principal: Principal, id: string, reply: FastifyReply): Promise<FindingResponse> {
    const view = await this.findings.get(principal, id);
    void reply.header('etag', entityTag(view.finding.version));
    return FindingResponse.of(view.finding, view.comments, view.acceptance, principal.role === Role.Vendor, view.evidenceIds);
  }

  @Get('assessments/:id/findings')
  @ApiOperation({ summary: 'List an assessment\'s findings' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: FindingList, description: 'A vendor sees only the findings addressed to it' })
  async listAssessmentFindings(@Param('id', IdPipe) id: string, @Query() query: FindingListQuery, @CurrentPrincipal() principal: Principal): Promise<FindingList> {
    return this.page(principal, await this.findings.listForAssessment(principal, id, query));
  }

  @Post('assessments/:id/findings')
  @ApiOperation({ summary: 'Raise a finding on an assessment' })
  @Authenticated(Role.RiskManager)
  @Idempotent()
  @ApiCreatedResponse({ type: FindingResponse, headers: etagHeader('Send back as If-Match to update') })
  async createFinding(
    @Param('id', IdPipe) id: string,
    @Body() body: CreateFindingRequest,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FindingResponse> {
    const finding = await this.findings.create(actor, principal, id, body);
    return this.one(principal, finding.id, reply);
  }

  @Get('findings')
  @ApiOperation({ summary: 'List findings' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: FindingList })
  async listFindings(@Query() query: FindingListQuery, @CurrentPrincipal() principal: Principal): Promise<FindingList> {
    return this.page(principal, await this.findings.list(principal, query));
  }

  @Get('findings/:id')
  @ApiOperation({ summary: 'Read a finding' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: FindingResponse, headers: etagHeader('Send back as If-Match to update') })
  getFinding(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<FindingResponse> {
    return this.one(principal, id, reply);
  }

  @Patch('findings/:id')
  @ApiOperation({ summary: 'Update a finding or its remediation' })
  @Authenticated(Role.RiskManager, Role.Vendor)
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: FindingResponse, description: 'A vendor may only plan and report remediation of findings addressed to it', headers: etagHeader('The new version, for the next update') })
  async updateFinding(
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateFindingRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FindingResponse> {
    await this.findings.update(actor, principal, id, body, ifMatch);
    return this.one(principal, id, reply);
  }

  @Post('findings/:id/comments')
  @ApiOperation({ summary: 'Comment on a finding' })
  @Authenticated(Role.RiskManager, Role.Procurement, Role.Vendor)
  @ApiCreatedResponse({ type: CommentResponse })
  async commentOnFinding(@Param('id', IdPipe) id: string, @Body() body: CommentRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<CommentResponse> {
    const comment = await this.findings.comment(actor, principal, id, body.body);
    return { id: comment.id, authorRole: comment.authorRole, body: comment.body, createdAt: comment.createdAt };
  }

  @Post('findings/:id/risk-acceptance')
  @ApiOperation({ summary: 'Accept a finding\'s risk until a date' })
  @Authenticated(Role.RiskManager)
  @ApiCreatedResponse({ type: FindingResponse, description: 'The finding, accepted until the date given; where the policy asks for two risk managers the first call proposes (acceptance.status pending_confirmation) and a second, different one confirms with the same call', headers: etagHeader('The new version, for the next update') })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`acceptance_not_allowed` (critical by default) or `acceptance_too_long` for the severity' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`finding_not_triaged` for a draft; `four_eyes` when the proposer confirms' })
  async acceptFindingRisk(
    @Param('id', IdPipe) id: string,
    @Body() body: RiskAcceptanceRequest,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FindingResponse> {
    await this.acceptances.accept(actor, principal, id, body);
    return this.one(principal, id, reply);
  }
}
