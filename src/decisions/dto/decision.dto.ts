import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../../domain/assessment-state.js';
import { RESIDUAL_RISKS, type ResidualRisk } from '../../domain/scoring.js';
import { CONDITION_STATUSES, type ConditionEntity, type ConditionStatus } from '../condition.entity.js';
import { DECISION_STATUSES, type DecisionEntity, type DecisionStatus } from '../decision.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ConditionInput {
  @ApiProperty({ example: 'Deliver an independent bias audit covering age and sex' })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  text: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  dueDate: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who follows it up' })
  @IsOptional()
  @IsUUID()
  owner?: string;
}

export class DecisionRequest {
  @ApiProperty({ enum: DECISION_OUTCOMES })
  @IsEnum(DECISION_OUTCOMES)
  outcome: DecisionOutcome;

  @ApiProperty({ example: 'Controls are adequate for the intended internal use' })
  @Transform(trim)
  @IsString()
  @Length(10, 10_000)
  rationale: string;

  @ApiPropertyOptional({ type: [ConditionInput], description: 'Required for, and only for, approved_with_conditions' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConditionInput)
  conditions?: ConditionInput[];
}

export class ConditionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ enum: CONDITION_STATUSES }) status: ConditionStatus;
  @ApiProperty({ description: 'Open and past its due date' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) resolutionNote: string | null;
  @ApiProperty({ type: [String] }) evidenceIds: string[];
  @ApiProperty({ type: Date, nullable: true }) resolvedAt: Date | null;

  static of(condition: ConditionEntity, today: string): ConditionResponse {
    return {
      id: condition.id,
      assessmentId: condition.assessmentId,
      aiSystemId: condition.aiSystemId,
      text: condition.text,
      dueDate: condition.dueDate,
      ownerId: condition.ownerId,
      status: condition.status,
      overdue: condition.status === 'open' && condition.dueDate < today,
      resolutionNote: condition.resolutionNote,
      evidenceIds: condition.evidenceIds,
      resolvedAt: condition.resolvedAt,
    };
  }
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: DecisionOutcome;
  @ApiProperty({ enum: DECISION_STATUSES, description: 'pending_confirmation: a critical-tier decision waiting for a second risk manager' }) status: DecisionStatus;
  @ApiProperty() rationale: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) confirmedBy: string | null;
  @ApiProperty({ enum: RESIDUAL_RISKS }) residualRisk: ResidualRisk;
  @ApiProperty({ type: Number, nullable: true }) controlScore: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Next reassessment due' }) validUntil: string | null;
  @ApiProperty({ type: [ConditionResponse] }) conditions: ConditionResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) finalisedAt: Date | null;

  static of(decision: DecisionEntity, conditions: ConditionEntity[], today: string): DecisionResponse {
    return {
      id: decision.id,
      assessmentId: decision.assessmentId,
      outcome: decision.outcome,
      status: decision.status,
      rationale: decision.rationale,
      decidedBy: decision.decidedBy,
      confirmedBy: decision.confirmedBy,
      residualRisk: decision.residualRisk,
      controlScore: decision.controlScore === null ? null : Number(decision.controlScore),
      validUntil: decision.validUntil,
      conditions: conditions.map((c) => ConditionResponse.of(c, today)),
      createdAt: decision.createdAt,
      finalisedAt: decision.finalisedAt,
    };
  }
}

export class ConditionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONDITION_STATUSES }) @IsOptional() @IsEnum(CONDITION_STATUSES) status?: ConditionStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() aiSystemId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assessmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class ConditionPage extends PageOf(ConditionResponse) {}

export class UpdateConditionRequest {
  @ApiProperty({ enum: ['met', 'waived'], description: 'met: with a note or evidence; waived: risk managers only, with the reason' })
  @IsIn(['met', 'waived'])
  status: 'met' | 'waived';

  @ApiProperty({ description: 'How it was met, or why it is waived' })
  @Transform(trim)
  @IsString()
  @Length(3, 5000)
  note: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Evidence files of the assessment that show it is met' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}
