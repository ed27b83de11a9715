import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { ApiFileResponse, TEXT } from '../common/api-docs.js';
import { badRequest, unprocessable } from '../common/errors.js';
import { IdPipe } from '../common/id.pipe.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { multipartProblem } from '../evidence/upload-form.js';
import { AnswerImportService } from './answer-import.service.js';
import { assessmentCsv, AssessmentExportService } from './assessment-export.service.js';
import { AnswerImportForm, AnswerImportQuery, AnswerImportReport, AssessmentExport, AssessmentExportQuery } from './dto/exchange.dto.js';

const STAFF = [Role.Admin, Role.Procurement, Role.RiskManager, Role.Auditor];
/** A questionnaire export is a few hundred rows; a megabyte is generous. */
const MAX_IMPORT_BYTES = 1024 * 1024;

@ApiTags('exchange')
@Controller('assessments')
export class ExchangeController {
  constructor(
    private readonly exports: AssessmentExportService,
    private readonly imports: AnswerImportService,
  ) {}

  @Get(':id/export')
  @Authenticated(...STAFF)
  @ApiOperation({ summary: "Export an assessment's answers and evidence list as JSON or CSV" })
  @ApiExtraModels(AssessmentExport)
  @ApiFileResponse('JSON; with `format=csv`, one RFC 4180 table whose `record` column says answer or evidence', {
    'application/json': { $ref: getSchemaPath(AssessmentExport) },
    'text/csv': TEXT,
  })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such assessment' })
  async exportAssessment(@Param('id', IdPipe) id: string, @Query() query: AssessmentExportQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentExport | string> {
    const data = await this.exports.export(principal, id);
    if ((query.format ?? 'json') === 'json') return data;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="assessment-${id}.csv"`);
    return assessmentCsv(data);
  }

  @Post(':id/imports')
  @Authenticated(Role.Vendor, Role.Procurement, Role.RiskManager)
  @HttpCode(200)
  @ApiOperation({ summary: "Import answers from another questionnaire's CSV or XLSX export as suggestions to confirm" })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AnswerImportForm })
  @ApiOkResponse({ type: AnswerImportReport, description: 'The mapped answers are stored as suggestions, like carried-forward answers; every row is reported' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such assessment (or another vendor’s)' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`answers_locked`: the assessment no longer takes answers' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`unreadable_file`, `columns_missing`, `too_many_rows`: the file is not the export the mapping reads; `unknown_mapping`' })
  async importAnswers(
    @Param('id', IdPipe) id: string,
    @Query() query: AnswerImportQuery,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AnswerImportReport> {
    const mapping = query.mapping ?? 'caiq-v4-ai';
    if (!this.imports.knownMappings().includes(mapping)) throw unprocessable('unknown_mapping', `No mapping ${mapping}; known: ${this.imports.knownMappings().join(', ')}`);
    const csv = await this.readFile(request);
    return AnswerImportReport.of(await this.imports.import(actor, principal, id, mapping, csv));
  }

  private async readFile(request: FastifyRequest): Promise<Buffer> {
    try {
      const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
      if (!part || part.fieldname !== 'file') throw badRequest('file_missing', 'Send the CSV or XLSX export as the form field `file`');
      const content = await part.toBuffer();
      if (content.length === 0) throw badRequest('file_empty', 'The file is empty');
      return content;
    } catch (error) {
      throw multipartProblem(error, MAX_IMPORT_BYTES);
    }
  }
}
