import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import { notFound } from '../common/errors.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { oscalCatalog, type OscalCatalog } from '../domain/oscal-catalog.js';
import { VersionParams } from '../questionnaires/dto/questionnaire-api.dto.js';
import { QuestionnaireRegistry } from '../questionnaires/questionnaire.registry.js';

const READERS = [Role.Admin, Role.Procurement, Role.RiskManager, Role.Auditor];

@ApiTags('questionnaires')
@Controller('questionnaires')
export class OscalController {
  constructor(private readonly registry: QuestionnaireRegistry) {}

  @Get(':key/versions/:version/oscal')
  @Authenticated(...READERS)
  @ApiOperation({ summary: "A questionnaire version's framework mapping as an OSCAL catalog" })
  @ApiOkResponse({
    description: 'OSCAL 1.1 catalog JSON: domains as groups, questions as controls, `maps-to` properties and links to the frameworks in back-matter',
    schema: { type: 'object', required: ['catalog'], properties: {
        catalog: {
          type: 'object',
          required: ['uuid', 'metadata'],
          properties: { uuid: { type: 'string', format: 'uuid' }, metadata: { type: 'object', additionalProperties: true } },
          additionalProperties: true,
        },
      },
    },
  })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such template version' })
  async getQuestionnaireOscal(@Param() params: VersionParams): Promise<OscalCatalog> {
    const stored = params.version === 'latest' ? await this.registry.latest(params.key) : await this.registry.find(params.key, params.version);
    if (!stored) throw notFound(`Questionnaire ${params.key} ${params.version}`);
    return oscalCatalog(stored.template, { contentHash: stored.contentHash, lastModified: stored.createdAt });
  }
}
