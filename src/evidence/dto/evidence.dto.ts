import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { validationFailed, type FieldError } from '../../common/errors.js';
import type { EvidenceFlag } from '../../domain/evidence-flags.js';
import { EVIDENCE_REVIEW_STATUSES, type EvidenceEntity, type EvidenceReviewStatus } from '../evidence.entity.js';

/** The multipart form of an upload, as documented; it is read part by part, not bound by a pipe. */
export class UploadEvidenceForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The document. Its type is decided from its bytes: PDF, Office (docx/xlsx/pptx, doc/xls), PNG, JPEG, GIF, WebP, plain text, CSV, JSON or ZIP.' })
  file: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Questions of this assessment the document supports; repeat the field for each', example: ['DATA-03'] })
  questionIds?: string[];

  @ApiPropertyOptional({ format: 'date', description: 'The date the document was issued (YYYY-MM-DD)', example: '2025-01-31' })
  documentDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When the document stops being valid, e.g. a certificate (YYYY-MM-DD)', example: '2026-01-31' })
  expiresAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'After an approval with conditions: the open condition this document shows is met' })
  conditionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'After submission: the unresolved finding addressed to the vendor that this document remediates' })
  findingId?: string;
}

export class EvidenceFlagResponse {
  @ApiProperty({ enum: ['duplicate_of', 'suspiciously_small'] }) kind: EvidenceFlag['kind'];
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: [String], description: 'duplicate_of: the other uploads with the same SHA-256' }) evidenceIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'duplicate_of: the unrelated questions they are offered for' }) questionIds?: string[];
  @ApiPropertyOptional({ description: 'suspiciously_small: the size below which the type is flagged' }) minimumBytes?: number;
}

export class ReviewEvidenceRequest {
  @ApiProperty({ enum: ['accepted', 'rejected'], description: 'rejected evidence counts as missing for the questions it supports; the vendor sees why' })
  @IsIn(['accepted', 'rejected'])
  status: 'accepted' | 'rejected';

  @ApiPropertyOptional({ description: 'Required to reject', example: 'The SOC 2 report covers another legal entity' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 2000)
  reason?: string;
}

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'SHA-256 of the content, hex', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;

  @ApiProperty({ description: 'Bytes', example: 52_113 })
  size: number;

  @ApiProperty({ description: 'Decided from the content bytes', example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ description: 'The uploaded name, cleaned', example: 'SOC 2 Type II report.pdf' })
  name: string;

  @ApiProperty({ type: [String], example: ['DATA-03'] })
  questionIds: string[];

  @ApiProperty({ type: String, format: 'date', nullable: true })
  documentDate: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The condition it was uploaded for, after the decision' })
  conditionId: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The finding (remediation item) it was uploaded for, after submission' })
  findingId: string | null;

  @ApiProperty({ enum: EVIDENCE_REVIEW_STATUSES, description: 'The reviewer\'s verdict; rejected counts as missing' })
  reviewStatus: EvidenceReviewStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected (or a note on accepting it)' })
  reviewReason: string | null;

  @ApiPropertyOptional({ type: [EvidenceFlagResponse], description: 'Staff only: what the reviewer should look at twice' })
  flags?: EvidenceFlagResponse[];

  @ApiProperty()
  createdAt: Date;

  static of(evidence: EvidenceEntity, flags?: EvidenceFlag[]): EvidenceResponse {
    return {
      id: evidence.id,
      sha256: evidence.sha256,
      size: Number(evidence.size),
      mediaType: evidence.mediaType,
      name: evidence.originalName,
      questionIds: evidence.questionIds,
      documentDate: evidence.documentDate,
      expiresAt: evidence.expiresAt,
      conditionId: evidence.conditionId,
      findingId: evidence.findingId,
      reviewStatus: evidence.reviewStatus,
      reviewReason: evidence.reviewReason,
      ...(flags ? { flags } : {}),
      createdAt: evidence.createdAt,
    };
  }
}

export class EvidenceList {
  @ApiProperty({ type: [EvidenceResponse], description: 'Newest first' })
  items: EvidenceResponse[];
}

export interface EvidenceFields {
  questionIds: string[];
  documentDate: string | null;
  expiresAt: string | null;
  conditionId: string | null;
  findingId: string | null;
}

const FIELDS = ['questionIds', 'documentDate', 'expiresAt', 'conditionId', 'findingId'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUESTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function singleDate(fields: Map<string, string[]>, name: string, problems: FieldError[]): string | null {
  const values = fields.get(name) ?? [];
  if (values.length === 0 || (values.length === 1 && values[0].trim() === '')) return null;
  if (values.length > 1) problems.push({ field: name, message: `${name} must be given once` });
  else if (!isCalendarDate(values[0].trim())) problems.push({ field: name, message: `${name} must be a date as YYYY-MM-DD` });
  return values[0].trim();
}

function singleId(fields: Map<string, string[]>, name: string, problems: FieldError[]): string | null {
  const values = (fields.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length > 1) problems.push({ field: name, message: `${name} must be given once` });
  else if (values.length === 1 && !UUID.test(values[0])) problems.push({ field: name, message: `${name} must be a UUID` });
  return values[0] ?? null;
}

/** The form's text fields, checked as strictly as a JSON body: unknown fields are refused. */
export function parseEvidenceFields(fields: Map<string, string[]>): EvidenceFields {
  const problems: FieldError[] = [...fields.keys()].filter((name) => !FIELDS.includes(name)).map((field) => ({ field, message: `property ${field} should not exist` }));
  const questionIds = [...new Set((fields.get('questionIds') ?? []).map((id) => id.trim()).filter((id) => id !== ''))];
  for (const id of questionIds) if (!QUESTION_ID.test(id)) problems.push({ field: 'questionIds', message: `"${id.slice(0, 64)}" is not a question id` });
  if (questionIds.length > 100) problems.push({ field: 'questionIds', message: 'questionIds may name at most 100 questions' });
  const documentDate = singleDate(fields, 'documentDate', problems);
  const expiresAt = singleDate(fields, 'expiresAt', problems);
  const conditionId = singleId(fields, 'conditionId', problems);
  const findingId = singleId(fields, 'findingId', problems);
  if (conditionId && findingId) problems.push({ field: 'findingId', message: 'name either a conditionId or a findingId, not both' });
  if (!problems.length && documentDate && expiresAt && expiresAt < documentDate) {
    problems.push({ field: 'expiresAt', message: 'expiresAt must not be before documentDate' });
  }
  if (problems.length) throw validationFailed(problems, 'The upload form is not valid');
  return { questionIds, documentDate, expiresAt, conditionId, findingId };
}

export class DownloadEvidenceQuery {
  @ApiPropertyOptional({
    enum: ['attachment', 'inline'],
    default: 'attachment',
    description: 'inline: a PDF or an image is shown in the browser and may be framed by the portal (same origin only); any other type is still sent as an attachment',
  })
  @IsOptional()
  @IsIn(['attachment', 'inline'])
  disposition?: 'attachment' | 'inline';
}
