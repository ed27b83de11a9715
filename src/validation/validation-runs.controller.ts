import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentActor } from '../auth/access.decorator.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { ApiFileResponse, etagHeader, locationHeader, TEXT } from '../common/api-docs.js';
import { IdempotentUpload } from '../common/idempotency.js';
import { IdPipe } from '../common/id.pipe.js';
import { mapPage, PageQuery } from '../common/pagination.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { attachmentDisposition } from '../domain/file-name.js';
import { ValidationRequested, ValidationRunPage, ValidationRunResponse, ValidationUploadForm } from './dto/validation.dto.js';
import { ValidationRunsService } from './validation-runs.service.js';

/** The sample holds personal and special-category data: only these roles read what is computed from it. */
const READERS = [Role.RiskManager, Role.Auditor];

@ApiTags('validation')
@Controller()
export class ValidationRunsController {
  constructor(private readonly runs: ValidationRunsService) {}

  @Post('ai-systems/:id/validations')
  @ApiOperation({ summary: 'Upload a sample of model outputs and queue a validation run' })
  @Authenticated(Role.RiskManager)
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ValidationUploadForm })
  @IdempotentUpload()
  @ApiAcceptedResponse({ type: ValidationRequested, description: 'Stored and queued for the worker; follow the Location header for status, progress and results', headers: locationHeader('The run') })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: '`unknown_column`: the mapping names a column the CSV header lacks; `unknown_reference`: no such reference run; `idempotency_key_reused`: the Idempotency-Key came with another mapping or file' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`reference_not_done` or `reference_input_deleted`: the reference run cannot serve for stability; `idempotency_in_progress`: the first upload with this key is still being stored' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemResponse, description: '`unsupported_media_type`: the file is not CSV text' })
  async requestValidation(@Param('id', IdPipe) id: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<ValidationRequested> {
    const header = request.headers['idempotency-key'];
    const { run, replayed } = await this.runs.request(actor, id, request, Array.isArray(header) ? header[0] : header);
    void reply.header('location', `/api/v1/validations/${run.id}`);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return { id: run.id, status: run.status };
  }

  @Get('ai-systems/:id/validations')
  @ApiOperation({ summary: 'List an AI system\'s validation runs' })
  @Authenticated(...READERS)
  @ApiOkResponse({ type: ValidationRunPage })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such AI system' })
  async listValidations(@Param('id', IdPipe) id: string, @Query() query: PageQuery): Promise<ValidationRunPage> {
    return mapPage(await this.runs.list(id, query), (run) => ValidationRunResponse.of(run, false));
  }

  @Get('validations/:id')
  @ApiOperation({ summary: 'Read a validation run and its results' })
  @Authenticated(...READERS)
  @ApiOkResponse({ type: ValidationRunResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such validation run' })
  async getValidation(@Param('id', IdPipe) id: string): Promise<ValidationRunResponse> {
    return ValidationRunResponse.of(await this.runs.get(id));
  }

  @Get('validations/:id/sample')
  @ApiOperation({ summary: 'Download a validation run\'s sample file' })
  @Authenticated(Role.RiskManager)
  @ApiFileResponse('The sample file as uploaded; every download is audited', { 'text/csv': TEXT }, etagHeader('The SHA-256 of the file'))
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such validation run' })
  @ApiGoneResponse({ type: ProblemResponse, description: '`sample_deleted`: the retention period is over; the results are kept' })
  async downloadValidationSample(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { run, stream } = await this.runs.download(actor, id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-length', run.inputSize)
      .header('content-disposition', attachmentDisposition(`validation-sample-${run.id}.csv`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${run.inputSha256}"`);
    return new StreamableFile(stream);
  }
}
