import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import type { FindingCommentEntity } from '../finding-comment.entity.js';
import { FINDING_SEVERITIES, FINDING_SOURCES, FINDING_STATUSES, type FindingEntity, type FindingSeverity, type FindingSource, type FindingStatus } from '../finding.entity.js';
import { awaitingConfirmation, type RiskAcceptanceEntity } from '../risk-acceptance.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export class CommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'vendor' }) authorRole: string;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: Date;
}

export class AcceptanceResponse {
  @ApiProperty({ format: 'uuid' }) approverId: string;
  @ApiProperty({ enum: ['pending_confirmation', 'confirmed'], description: 'pending_confirmation: the policy asks a second, different risk manager to confirm it' }) status: 'pending_confirmation' | 'confirmed';
  @ApiProperty({ description: 'Risk managers the acceptance policy asks for' }) requiredApprovers: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) confirmedBy: string | null;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: String, nullable: true }) compensatingControls: string | null;
  @ApiProperty({ format: 'date' }) expiresAt: string;
  @ApiProperty() createdAt: Date;
}

export class FindingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: FINDING_SEVERITIES }) severity: FindingSeverity;
  @ApiProperty({ enum: FINDING_STATUSES }) status: FindingStatus;
  @ApiProperty({ type: [String] }) questionIds: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) remediationPlan: string | null;
  @ApiProperty({ type: String, nullable: true }) retestResult: string | null;
  @ApiProperty() visibleToVendor: boolean;
  @ApiProperty({ type: [CommentResponse] }) comments: CommentResponse[];
  @ApiProperty({ type: [String], description: 'Evidence the vendor attached to this item, oldest first' }) evidenceIds: string[];
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({ enum: FINDING_SOURCES, description: 'Staff only' }) source?: FindingSource;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only' }) ownerId?: string | null;
  @ApiPropertyOptional({ type: AcceptanceResponse, nullable: true, description: 'Staff only: the current risk acceptance' }) acceptance?: AcceptanceResponse | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only: why it was dismissed' }) dismissalReason?: string | null;
  @ApiPropertyOptional({ description: 'Staff only' }) createdAt?: Date;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES, nullable: true, description: 'Staff only: the highest severity the finding had before it was lowered (null when never lowered); risk acceptance follows it' })
  highestSeverity?: FindingSeverity | null;

  static of(finding: FindingEntity, comments: FindingCommentEntity[], acceptance: RiskAcceptanceEntity | null, forVendor: boolean, evidenceIds: string[]): FindingResponse {
    const shared = {
      id: finding.id,
      assessmentId: finding.assessmentId,
      aiSystemId: finding.aiSystemId,
      vendorId: finding.vendorId,
      title: finding.title,
      description: finding.description,
      severity: finding.severity,
      status: finding.status,
      questionIds: finding.questionIds,
      dueDate: finding.dueDate,
      remediationPlan: finding.remediationPlan,
      retestResult: finding.retestResult,
      visibleToVendor: finding.visibleToVendor,
      comments: comments.map((c) => ({ id: c.id, authorRole: c.authorRole, body: c.body, createdAt: c.createdAt })),
      evidenceIds,
      updatedAt: finding.updatedAt,
    };
    if (forVendor) return shared;
    const accepted = acceptance
      ? {
          approverId: acceptance.approverId,
          status: awaitingConfirmation(acceptance) ? ('pending_confirmation' as const) : ('confirmed' as const),
          requiredApprovers: acceptance.requiredApprovers,
          confirmedBy: acceptance.confirmedBy,
          rationale: acceptance.rationale,
          compensatingControls: acceptance.compensatingControls,
          expiresAt: acceptance.expiresAt,
          createdAt: acceptance.createdAt,
        }
      : null;
    return { ...shared, source: finding.source, ownerId: finding.ownerId, acceptance: accepted, dismissalReason: finding.dismissalReason, createdAt: finding.createdAt, highestSeverity: finding.highestSeverity };
  }
}

export class FindingList extends PageOf(FindingResponse) {}

export class CreateFindingRequest {
  @ApiProperty({ example: 'No independent bias audit in the last 12 months' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 10_000)
  description?: string;

  @ApiProperty({ enum: FINDING_SEVERITIES })
  @IsEnum(FINDING_SEVERITIES)
  severity: FindingSeverity;

  @ApiPropertyOptional({ type: [String], example: ['FAIR-02'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(QUESTION_ID, { each: true })
  questionIds?: string[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueDate?: string;

  @ApiPropertyOptional({ description: 'Make it a remediation item the vendor sees and works on' })
  @IsOptional()
  @IsBoolean()
  visibleToVendor?: boolean;
}

export class UpdateFindingRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 10_000) description?: string;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) @IsOptional() @IsEnum(FINDING_SEVERITIES) severity?: FindingSeverity;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @Matches(QUESTION_ID, { each: true }) questionIds?: string[];

  @ApiPropertyOptional({ enum: FINDING_STATUSES.filter((s) => s !== 'accepted'), description: 'Acceptance goes through POST /findings/{id}/risk-acceptance' })
  @IsOptional()
  @IsIn(FINDING_STATUSES.filter((s) => s !== 'accepted'))
  status?: Exclude<FindingStatus, 'accepted'>;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  dueDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10_000) remediationPlan?: string;
  @ApiPropertyOptional({ description: 'Required to close a finding' }) @IsOptional() @IsString() @Length(1, 10_000) retestResult?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() visibleToVendor?: boolean;

  @ApiPropertyOptional({ description: 'Required to dismiss a finding or lower its severity; kept in the audit trail' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 5000)
  reason?: string;
}

export class FindingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINDING_STATUSES }) @IsOptional() @IsEnum(FINDING_STATUSES) status?: FindingStatus;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) @IsOptional() @IsEnum(FINDING_SEVERITIES) severity?: FindingSeverity;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() vendorId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Unresolved and past the due date' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class CommentRequest {
  @ApiProperty({ maxLength: 5000 }) @Transform(trim) @IsString() @Length(1, 5000) body: string;
}

export class RiskAcceptanceRequest {
  @ApiProperty({ example: 'Compensated by human review of every output until the next release' })
  @Transform(trim)
  @IsString()
  @Length(10, 5000)
  rationale: string;

  @ApiProperty({ format: 'date', description: 'Until when the risk is accepted, within what the acceptance policy allows for the severity (by default 12 months for low and medium, 6 for high; critical cannot be accepted)' })
  @IsDateString({ strict: true })
  expiresAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  compensatingControls?: string;
}
