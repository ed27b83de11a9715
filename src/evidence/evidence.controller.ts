import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentActor, CurrentPrincipal } from '../auth/access.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Role, STAFF_ROLES } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { ApiFileResponse, BINARY, etagHeader } from '../common/api-docs.js';
import { IdPipe } from '../common/id.pipe.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { attachmentDisposition, inlineDisposition } from '../domain/file-name.js';
import { DownloadEvidenceQuery, EvidenceList, EvidenceResponse, ReviewEvidenceRequest, UploadEvidenceForm } from './dto/evidence.dto.js';
import { EvidenceReviewService } from './evidence-review.service.js';
import { EvidenceService } from './evidence.service.js';

const TEXT_TYPES = ['text/plain', 'text/csv', 'application/json'];

/** Types a browser renders without running anything of the file's own; only these may be shown inline. */
const PREVIEWABLE = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * Headers of a download. An attachment may never be framed; an inline preview may be framed by
 * the portal alone. Images stay sandboxed; a PDF cannot be, as Chromium refuses to show a PDF in a
 * sandboxed document, so its policy blocks every fetch and every other framer instead.
 */
function downloadHeaders(mediaType: string, name: string, disposition: 'attachment' | 'inline' | undefined): Record<string, string> {
  if (disposition === 'inline' && PREVIEWABLE.includes(mediaType)) {
    const sandbox = mediaType === 'application/pdf' ? '' : '; sandbox';
    return {
      'content-disposition': inlineDisposition(name),
      'content-security-policy': `default-src 'none'; frame-ancestors 'self'${sandbox}`,
      'x-frame-options': 'SAMEORIGIN',
    };
  }
  return { 'content-disposition': attachmentDisposition(name), 'content-security-policy': "default-src 'none'; sandbox" };
}

@ApiTags('evidence')
@Controller()
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly reviews: EvidenceReviewService,
  ) {}

  @Post('assessments/:id/evidence')
  @ApiOperation({ summary: 'Upload an evidence file' })
  @Authenticated(Role.Vendor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceForm })
  @ApiCreatedResponse({ type: EvidenceResponse, description: 'Stored by content: the same bytes uploaded twice are kept once' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No such assessment for this vendor, or no such `findingId` addressed to it on this assessment' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`answers_locked`: the assessment is no longer open for the vendor (after submission, name an unresolved `findingId`; after an approval with conditions, an open `conditionId`); `finding_closed` / `condition_closed`: it takes no more evidence' })
  @ApiPayloadTooLargeResponse({ type: ProblemResponse, description: '`payload_too_large`: over MAX_UPLOAD_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ type: ProblemResponse, description: '`unsupported_media_type`: the bytes are not an accepted document type' })
  async uploadEvidence(@Param('id', IdPipe) id: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<EvidenceResponse> {
    return EvidenceResponse.of(await this.evidence.upload(actor, principal, id, request));
  }

  @Get('assessments/:id/evidence')
  @ApiOperation({ summary: 'List the evidence of an assessment' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiOkResponse({ type: EvidenceList, description: 'With each file\'s review verdict; staff also see flags (duplicate_of, suspiciously_small)' })
  async listEvidence(@Param('id', IdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<EvidenceList> {
    const { assessment, files } = await this.evidence.list(principal, id);
    if (principal.role === Role.Vendor) return { items: files.map((e) => EvidenceResponse.of(e)) };
    const flags = await this.reviews.flags(assessment, files);
    return { items: files.map((e) => EvidenceResponse.of(e, flags.get(e.id) ?? [])) };
  }

  @Post('evidence/:id/review')
  @ApiOperation({ summary: 'Accept or reject an evidence file' })
  @Authenticated(Role.RiskManager)
  @HttpCode(200)
  @ApiOkResponse({ type: EvidenceResponse, description: 'accepted, or rejected with a reason: rejected evidence counts as missing for the questions it supports' })
  async reviewEvidence(@Param('id', IdPipe) id: string, @Body() body: ReviewEvidenceRequest, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<EvidenceResponse> {
    return EvidenceResponse.of(await this.reviews.review(actor, principal, id, body));
  }

  @Get('evidence/:id/download')
  @ApiOperation({ summary: 'Download an evidence file' })
  @Authenticated(...STAFF_ROLES, Role.Vendor)
  @ApiFileResponse('The stored bytes, with the sniffed Content-Type; every download (and inline preview) is audited', { 'application/octet-stream': BINARY }, etagHeader('The SHA-256 of the bytes'))
  async downloadEvidence(@Param('id', IdPipe) id: string, @Query() query: DownloadEvidenceQuery, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { evidence, stream } = await this.evidence.download(actor, principal, id);
    const charset = TEXT_TYPES.includes(evidence.mediaType) ? '; charset=utf-8' : '';
    void reply
      .header('content-type', `${evidence.mediaType}${charset}`)
      .header('content-length', evidence.size)
      .headers(downloadHeaders(evidence.mediaType, evidence.originalName, query.disposition))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${evidence.sha256}"`);
    return new StreamableFile(stream);
  }

  @Delete('evidence/:id')
  @ApiOperation({ summary: 'Remove an evidence file' })
  @Authenticated(Role.Vendor)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed, with the stored file unless another upload has the same content' })
  @ApiConflictResponse({ type: ProblemResponse, description: '`answers_locked`: the assessment was submitted' })
  async deleteEvidence(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.evidence.remove(actor, principal, id);
  }
}
