import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { ApiFileResponse, BINARY, etagHeader, locationHeader } from '../common/api-docs.js';
import { IdPipe } from '../common/id.pipe.js';
import { Idempotent } from '../common/idempotency.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { attachmentDisposition } from '../domain/file-name.js';
import { ReportRequested, ReportResponse } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

const REQUESTERS = [Role.RiskManager, Role.Procurement, Role.Auditor, Role.Admin];

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post('assessments/:id/reports')
  @ApiOperation({ summary: 'Queue a due-diligence report' })
  @Authenticated(...REQUESTERS)
  @Idempotent()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReportRequested, description: 'Queued for the worker; follow the Location header for status and progress', headers: locationHeader('The report') })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such assessment' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`not_submitted`: the vendor has not submitted the assessment yet' })
  async requestReport(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportRequested> {
    const report = await this.reports.request(actor, principal, id);
    void reply.header('location', `/api/v1/reports/${report.id}`);
    return { id: report.id, status: report.status };
  }

  @Get('reports/:id')
  @ApiOperation({ summary: 'Read a report\'s status' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: ReportResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such report; reports are internal, so a vendor user always gets this' })
  async getReport(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ReportResponse> {
    return ReportResponse.of(await this.reports.get(principal, id));
  }

  @Get('reports/:id/file')
  @ApiOperation({ summary: 'Download a report PDF' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiFileResponse('The PDF, streamed from storage; every download is audited', { 'application/pdf': BINARY }, etagHeader('The SHA-256 of the PDF'))
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such report; reports are internal, so a vendor user always gets this' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`report_not_ready`: the report is still queued or building, or failed' })
  async downloadReport(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { report, stream } = await this.reports.download(actor, principal, id);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-length', report.size!)
      .header('content-disposition', attachmentDisposition(`due-diligence-report-${report.id}.pdf`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${report.sha256}"`);
    return new StreamableFile(stream);
  }
}
