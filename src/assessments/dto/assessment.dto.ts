import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { ASSESSMENT_STATES, type AssessmentState } from '../../domain/assessment-state.js';
import { TIERS, type Tier } from '../../domain/tiering.js';
import type { AssessmentEntity } from '../assessment.entity.js';

export class CreateAssessmentRequest {
  @ApiProperty({ format: 'uuid', description: 'The intake that describes the use; its AI system is assessed' })
  @IsUUID()
  intakeId: string;

  @ApiProperty({ format: 'date', example: '2027-01-31', description: 'When the vendor must have submitted' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date as YYYY-MM-DD' })
  dueDate: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Vendor contacts who receive the invitation' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds: string[];

  @ApiPropertyOptional({ type: [String], example: ['ai-due-diligence-core'], description: 'Omit to choose by the intake: lite for low tier, core otherwise, plus the generative module' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { each: true })
  questionnaireKeys?: string[];

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Risk managers only: why questionnaireKeys may leave out the minimum questionnaire of the tier (the core set above low)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 2000)
  belowTierReason?: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Risk managers only: why questionnaireKeys may leave out the generative module for a system that generates content (by its intake or model type)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 2000)
  withoutGenerativeReason?: string;

  @ApiPropertyOptional({ default: true, description: 'Offer the answers of the previous decided cycle for the vendor to confirm' })
  @IsOptional()
  @IsBoolean()
  carryForward?: boolean;
}

export class CancelAssessmentRequest {
  @ApiProperty({ example: 'Procurement of this product was stopped' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class FrozenQuestionnaireResponse {
  @ApiProperty({ example: 'ai-due-diligence-core' }) key: string;
  @ApiProperty({ example: '1.0.0' }) version: string;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() cycle: number;
  @ApiProperty({ enum: ASSESSMENT_STATES }) status: AssessmentState;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ type: [FrozenQuestionnaireResponse] }) questionnaires: FrozenQuestionnaireResponse[];
  @ApiProperty({ type: [String], description: 'Questions reopened by a clarification request' }) reopenedQuestionIds: string[];
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only' }) intakeId?: string;
  @ApiPropertyOptional({ enum: TIERS, description: 'Staff only' }) inherentTier?: Tier;
  @ApiPropertyOptional({ type: [String], description: 'Staff only' }) contactIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only' }) requestedBy?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only' }) reviewerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only' }) cancelReason?: string | null;
  @ApiPropertyOptional({ description: 'Staff only' }) createdAt?: Date;
  @ApiPropertyOptional({ description: 'Staff only: the AI system assessed' }) aiSystemName?: string;
  @ApiPropertyOptional({ description: "Staff only: the vendor's legal name" }) vendorName?: string;

  /** The vendor's view leaves out everything internal to the buyer. */
  static of(assessment: AssessmentEntity, contactIds: string[] | null, names?: AssessedNames): AssessmentResponse {
    const shared = {
      id: assessment.id,
      aiSystemId: assessment.aiSystemId,
      vendorId: assessment.vendorId,
      cycle: assessment.cycle,
      status: assessment.status,
      dueDate: assessment.dueDate,
      questionnaires: assessment.questionnaires.map(({ key, version }) => ({ key, version })),
      reopenedQuestionIds: assessment.reopenedQuestionIds,
      sentAt: assessment.sentAt,
      submittedAt: assessment.submittedAt,
      updatedAt: assessment.updatedAt,
    };
    if (contactIds === null) return shared;
    return {
      ...shared,
      intakeId: assessment.intakeId,
      inherentTier: assessment.inherentTier,
      contactIds,
      requestedBy: assessment.requestedBy,
      reviewerId: assessment.reviewerId,
      cancelReason: assessment.cancelReason,
      createdAt: assessment.createdAt,
      ...(names ?? {}),
    };
  }
}

/** What staff read in a list: whose AI system an assessment is about. */
export interface AssessedNames {
  aiSystemName: string;
  vendorName: string;
}

export class AssessmentPage extends PageOf(AssessmentResponse) {}

export class AssessmentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ASSESSMENT_STATES })
  @IsOptional()
  @IsEnum(ASSESSMENT_STATES)
  status?: AssessmentState;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsEnum(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  aiSystemId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Open for the vendor and past the due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['me'], description: 'Only assessments whose intake the signed-in user requested' })
  @IsOptional()
  @IsIn(['me'])
  requestedBy?: 'me';

  @ApiPropertyOptional({ enum: ['me'], description: 'me: the assessments whose review the signed-in risk manager started' })
  @IsOptional()
  @IsIn(['me'])
  reviewer?: 'me';
}

export class InvitationSent {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() email: string;
  @ApiProperty() expiresAt: Date;
}

export class SendResult {
  @ApiProperty({ enum: ASSESSMENT_STATES }) status: AssessmentState;
  @ApiProperty({ type: [InvitationSent] }) invitations: InvitationSent[];
}

