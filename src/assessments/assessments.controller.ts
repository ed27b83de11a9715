import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { etagHeader } from '../common/api-docs.js';
import { entityTag } from '../common/etag.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { AssessmentsService } from './assessments.service.js';
import type { AssessmentEntity } from './assessment.entity.js';
import { AssessmentListQuery, AssessmentPage, AssessmentResponse, CancelAssessmentRequest, CreateAssessmentRequest, SendResult } from './dto/assessment.dto.js';
import { QuestionList, SaveResponsesRequest, SaveResponsesResult } from './dto/responses.dto.js';
import { InvitationsService } from './invitations.service.js';
import { ResponsesService } from './responses.service.js';

const BUYERS = [Role.Procurement, Role.RiskManager];

@ApiTags('assessments')
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly invitations: InvitationsService,
    private readonly responses: ResponsesService,
  ) {}

  private async view(principal: Principal, assessment: AssessmentEntity): Promise<AssessmentResponse> {
    if (principal.role === Role.Vendor) return AssessmentResponse.of(assessment, null);
    const names = await this.assessments.namesOf([assessment]);
    return AssessmentResponse.of(assessment, await this.assessments.contactIds(assessment.id), names.get(assessment.id));
  }

  @Get()
  @ApiOperation({ summary: 'List assessments' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: AssessmentPage, description: 'Sorted by due date. A vendor user sees its own vendor\'s sent assessments only.' })
  async listAssessments(@Query() query: AssessmentListQuery, @CurrentPrincipal() principal: Principal): Promise<AssessmentPage> {
    const page = await this.assessments.list(principal, query);
    if (principal.role === Role.Vendor) return { items: page.items.map((a) => AssessmentResponse.of(a, null)), nextCursor: page.nextCursor };
    const contacts = await this.assessments.contactIdsOf(page.items.map((a) => a.id));
    const names = await this.assessments.namesOf(page.items);
    return { items: page.items.map((a) => AssessmentResponse.of(a, contacts.get(a.id) ?? [], names.get(a.id))), nextCursor: page.nextCursor };
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft assessment for an AI system' })
  @Authenticated(...BUYERS)
  @Idempotent()
  @ApiCreatedResponse({ type: AssessmentResponse, description: 'A draft, frozen on the latest questionnaire versions' })
  async createAssessment(@Body() body: CreateAssessmentRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<AssessmentResponse> {
    return this.view(principal, await this.assessments.create(actor, body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an assessment' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: AssessmentResponse, headers: etagHeader('Send back as If-Match on decisions') })
  async getAssessment(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentResponse> {
    const assessment = await this.assessments.get(principal, id);
    void reply.header('etag', entityTag(assessment.version));
    return this.view(principal, assessment);
  }

  @Post(':id/send')
  @ApiOperation({ summary: 'Send an assessment to the vendor\'s contacts' })
  @Authenticated(...BUYERS)
  @HttpCode(200)
  @ApiOkResponse({ type: SendResult, description: 'Invitations e-mailed to every contact; sending again replaces unused links' })
  sendAssessment(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<SendResult> {
    return this.invitations.send(actor, principal, id);
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel an assessment' })
  @Authenticated(...BUYERS)
  @HttpCode(200)
  @ApiOkResponse({ type: AssessmentResponse })
  async cancelAssessment(@Param('id', IdPipe) id: string, @Body() body: CancelAssessmentRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<AssessmentResponse> {
    return this.view(principal, await this.assessments.cancel(actor, principal, id, body.reason));
  }

  @Get(':id/questions')
  @ApiOperation({ summary: 'List the questions of an assessment' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: QuestionList, description: 'The questions visible given the current answers' })
  async listAssessmentQuestions(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', 'application/json; charset=utf-8');
    return this.responses.questions(principal, id);
  }

  @Put(':id/responses')
  @ApiOperation({ summary: 'Save the vendor\'s answers' })
  @Authenticated(Role.Vendor)
  @ApiOkResponse({ type: SaveResponsesResult, description: 'All answers saved, or none' })
  saveAssessmentResponses(@Param('id', IdPipe) id: string, @Body() body: SaveResponsesRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<SaveResponsesResult> {
    return this.responses.save(actor, principal, id, body.responses);
  }

  @Post(':id/submit')
  @ApiOperation({ summary: 'Submit the vendor\'s answers for review' })
  @Authenticated(Role.Vendor)
  @HttpCode(200)
  @ApiOkResponse({ type: AssessmentResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'Required answers or evidence are missing (`gaps` lists them)' })
  async submitAssessment(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<AssessmentResponse> {
    return this.view(principal, await this.responses.submit(actor, principal, id));
  }
}
