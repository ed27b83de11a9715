import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { mapPage } from '../common/pagination.js';
import { CreateIntakeRequest, IntakeFormResponse, IntakeListQuery, IntakePage, IntakePreviewRequest, IntakePreviewResponse, IntakeResponse } from './dto/intake.dto.js';
import { Article5RulingRequest, TierSignOffRequest } from './dto/intake-rulings.dto.js';
import { IntakeFormService } from './intake-form.service.js';
import { IntakeRulingsService } from './intake-rulings.service.js';
import { IntakesService } from './intakes.service.js';

@ApiTags('intakes')
@Controller('intakes')
export class IntakesController {
  constructor(
    private readonly intakes: IntakesService,
    private readonly forms: IntakeFormService,
    private readonly rulings: IntakeRulingsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List intakes' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: IntakePage, description: 'Newest first' })
  async listIntakes(@Query() query: IntakeListQuery): Promise<IntakePage> {
    return mapPage(await this.intakes.list(query), IntakeResponse.of);
  }

  @Get('form')
  @ApiOperation({ summary: 'Read the intake form' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: IntakeFormResponse, description: 'The questions an intake answers' })
  getIntakeForm(): IntakeFormResponse {
    const { key, version, title, questions } = this.forms.form();
    return { key, version, title, questions };
  }

  @Post()
  @ApiOperation({ summary: 'Record an intake and work out its risk tier' })
  @Authenticated(Role.Procurement, Role.RiskManager)
  @Idempotent()
  @ApiCreatedResponse({ type: IntakeResponse, description: 'The intake with its inherent tier, EU AI Act category and the reasons' })
  async createIntake(@Body() body: CreateIntakeRequest, @CurrentActor() actor: Actor): Promise<IntakeResponse> {
    return IntakeResponse.of(await this.intakes.create(actor, body));
  }

  @Post('preview')
  @HttpCode(200)
  @Authenticated(Role.Procurement, Role.RiskManager)
  @ApiOperation({ summary: 'Work out the inherent tier, EU AI Act category and reasons for intake answers, without saving anything' })
  @ApiOkResponse({ type: IntakePreviewResponse, description: 'What POST /intakes would record for these answers' })
  previewIntake(@Body() body: IntakePreviewRequest): IntakePreviewResponse {
    return this.intakes.preview(body.answers);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read an intake' })
  @Authenticated(...STAFF_ROLES)
  @ApiOkResponse({ type: IntakeResponse })
  async getIntake(@Param('id', IdPipe) id: string): Promise<IntakeResponse> {
    return IntakeResponse.of(await this.intakes.get(id));
  }

  @Post(':id/article5-rulings')
  @ApiOperation({ summary: 'Rule out a prohibited practice flagged by an intake' })
  @HttpCode(200)
  @Authenticated(Role.RiskManager)
  @ApiOkResponse({ type: IntakeResponse, description: 'The intake with the rule ruled out and its tier, category and canProceed worked out again' })
  async ruleOutProhibitedPractice(@Param('id', IdPipe) id: string, @Body() body: Article5RulingRequest, @CurrentActor() actor: Actor): Promise<IntakeResponse> {
    return IntakeResponse.of(await this.rulings.ruleOut(actor, id, body));
  }

  @Post(':id/tier-sign-off')
  @ApiOperation({ summary: 'Sign off a lowered risk tier' })
  @HttpCode(200)
  @Authenticated(Role.RiskManager)
  @ApiOkResponse({ type: IntakeResponse, description: 'The lowered tier signed off and applied to the AI system' })
  async signOffTier(@Param('id', IdPipe) id: string, @Body() body: TierSignOffRequest, @CurrentActor() actor: Actor): Promise<IntakeResponse> {
    return IntakeResponse.of(await this.rulings.signOff(actor, id, body));
  }
}
