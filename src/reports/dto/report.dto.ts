import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES, type ReportEntity, type ReportStatus } from '../report.entity.js';

export class ReportRequested {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['queued'], example: 'queued' })
  status: ReportStatus;
}

export class ReportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  assessmentId: string;

  @ApiProperty({ enum: REPORT_STATUSES, description: 'queued -> building -> ready, or failed; a failed attempt that will be retried is queued again, with its error, and so is a build whose worker stopped; after the last allowed build it is failed and a new report can be requested' })
  status: ReportStatus;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of the build done' })
  progress: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' })
  error: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the PDF, hex, once ready; the same assessment data always gives the same digest' })
  sha256: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Bytes, once ready' })
  size: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Pages, once ready' })
  pageCount: number | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;

  static of(report: ReportEntity): ReportResponse {
    return {
      id: report.id,
      assessmentId: report.assessmentId,
      status: report.status,
      progress: report.progress,
      error: report.error,
      sha256: report.sha256,
      size: report.size === null ? null : Number(report.size),
      pageCount: report.pageCount,
      createdAt: report.createdAt,
      finishedAt: report.finishedAt,
    };
  }
}
