import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { ClarificationList, ClarificationRequest, ClarificationResponse, ScoreResponse, StartReviewResponse } from './dto/review.dto.js';
import { ReviewService } from './review.service.js';

@ApiTags('review')
@Controller('assessments/:id')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('score')
  @ApiOperation({ summary: 'Read an assessment\'s score and residual risk' })
  @Authenticated(Role.RiskManager, Role.Auditor, Role.Admin)
  @ApiOkResponse({ type: ScoreResponse, description: 'Control score, residual risk and every figure with its explanation; never for vendors' })
  getAssessmentScore(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ScoreResponse> {
    return this.review.score(principal, id);
  }

  @Post('start-review')
  @ApiOperation({ summary: 'Start reviewing a submitted assessment' })
  @Authenticated(Role.RiskManager)
  @HttpCode(200)
  @ApiOkResponse({ type: StartReviewResponse })
  async startAssessmentReview(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<StartReviewResponse> {
    const { assessment, draftFindings } = await this.review.startReview(actor, principal, id);
    return { status: assessment.status, reviewerId: assessment.reviewerId!, draftFindings };
  }

  @Post('clarifications')
  @ApiOperation({ summary: 'Ask the vendor to clarify answers' })
  @Authenticated(Role.RiskManager)
  @ApiCreatedResponse({ type: ClarificationResponse, description: 'The answers named are reopened and the contacts e-mailed a link' })
  async requestClarification(@Param('id', IdPipe) id: string, @Body() body: ClarificationRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<ClarificationResponse> {
    return ClarificationResponse.of(await this.review.requestClarification(actor, principal, id, body.questionIds, body.message));
  }

  @Get('clarifications')
  @ApiOperation({ summary: 'Read an assessment\'s clarification thread' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: ClarificationList, description: 'The thread, oldest first' })
  async listClarifications(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ClarificationList> {
    return { items: (await this.review.clarifications(principal, id)).map(ClarificationResponse.of) };
  }
}
