import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { ApiFileResponse, etagHeader, TEXT } from '../common/api-docs.js';
import { PageQuery } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { CoverageResponse, ExportQuery, ImportResponse, QuestionnairePage, QuestionnaireSummary, TemplateErrorDto, VersionParams } from './dto/questionnaire-api.dto.js';
import { QuestionnaireVersionResponse } from './dto/questionnaire-template.dto.js';
import { QuestionnairesService, SCORING_ROLES } from './questionnaires.service.js';
import { YAML_MEDIA_TYPES } from './yaml-body.parser.js';

const READERS = [Role.Admin, Role.Procurement, Role.RiskManager, Role.Auditor];

const TEMPLATE_PROBLEM = {
  allOf: [{ $ref: getSchemaPath(ProblemResponse) }, { properties: { errors: { type: 'array', items: { $ref: getSchemaPath(TemplateErrorDto) } } } }],
};

const EXPORT_MEDIA_TYPES = { json: 'application/json; charset=utf-8', yaml: 'application/yaml; charset=utf-8' } as const;

@ApiTags('questionnaires')
@Controller('questionnaires')
export class QuestionnairesController {
  constructor(private readonly questionnaires: QuestionnairesService) {}

  @Get()
  @ApiOperation({ summary: 'List questionnaire templates' })
  @Authenticated(...READERS)
  @ApiOkResponse({ type: QuestionnairePage })
  async listQuestionnaires(@Query() query: PageQuery): Promise<QuestionnairePage> {
    const page = await this.questionnaires.list(query);
    return { items: page.items.map((item) => QuestionnaireSummary.of(item.latest, item.versionCount)), nextCursor: page.nextCursor };
  }

  @Post('import')
  @ApiOperation({ summary: 'Import a questionnaire template version' })
  @Authenticated(Role.RiskManager)
  @ApiConsumes(...YAML_MEDIA_TYPES, 'application/json')
  @ApiBody({ description: 'A template as described by questionnaires/schema.json: YAML text, or a JSON object', schema: { type: 'object', additionalProperties: true } })
  @ApiCreatedResponse({ type: ImportResponse, description: 'A new version was stored' })
  @ApiOkResponse({ type: ImportResponse, description: 'This exact version was already stored; nothing changed' })
  @ApiExtraModels(TemplateErrorDto)
  @ApiBadRequestResponse({ description: 'The template is not valid (code invalid_template): every error with its file, line and field', schema: TEMPLATE_PROBLEM })
  @ApiConflictResponse({ type: ProblemResponse, description: 'The version is already stored with other content' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'An intake form: it ships with the application' })
  async importQuestionnaire(@Body() body: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportResponse> {
    const outcome = await this.questionnaires.import(actor, body);
    void reply.status(outcome.status === 'created' ? 201 : 200);
    return ImportResponse.of(outcome.stored, outcome.status === 'created');
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'Read a questionnaire template version' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such template version' })
  @Authenticated(...READERS)
  @ApiOkResponse({ type: QuestionnaireVersionResponse, description: 'Weights, points, knockouts and tiering rules only for risk managers and auditors' })
  async getQuestionnaireVersion(@Param() params: VersionParams, @CurrentPrincipal() principal: Principal): Promise<QuestionnaireVersionResponse> {
    const stored = await this.questionnaires.get(params.key, params.version);
    return QuestionnaireVersionResponse.of(stored, SCORING_ROLES.includes(principal.role));
  }

  @Get(':key/versions/:version/export')
  @ApiOperation({ summary: 'Export a questionnaire template version as JSON or YAML' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such template version' })
  @Authenticated(...SCORING_ROLES)
  @ApiFileResponse('The whole template, as `format` asks; JSON is canonical (sorted keys), so the same content gives the same bytes', { 'application/json': { type: 'object', additionalProperties: true }, 'application/yaml': TEXT }, etagHeader('A hash of the template content'))
  async exportQuestionnaireVersion(@Param() params: VersionParams, @Query() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const format = query.format ?? 'json';
    const { stored, body } = await this.questionnaires.export(params.key, params.version, format);
    void reply
      .header('content-type', EXPORT_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="${stored.key}-${stored.version}.${format}"`)
      .header('etag', `"${stored.contentHash}"`);
    return body;
  }

  @Get(':key/versions/:version/coverage')
  @ApiOperation({ summary: 'Read a template version\'s framework coverage' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such template version' })
  @Authenticated(...READERS)
  @ApiOkResponse({ type: CoverageResponse })
  async getQuestionnaireCoverage(@Param() params: VersionParams): Promise<CoverageResponse> {
    const { stored, coverage } = await this.questionnaires.coverage(params.key, params.version);
    return CoverageResponse.of(stored, coverage);
  }
}
