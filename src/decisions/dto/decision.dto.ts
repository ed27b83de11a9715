import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../../domain/assessment-state.js';
import { RESIDUAL_RISKS, type ResidualRisk } from '../../domain/scoring.js';
import { CONDITION_STATUSES, type ConditionEntity, type ConditionStatus } from '../condition.entity.js';
import { DECISION_STEPS, type DecisionStep, type DecisionStepEntity } from '../decision-step.entity.js';
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

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Findings of this assessment the condition covers; every unresolved high, critical or knockout finding must be covered by a condition or a valid risk acceptance' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  findingIds?: string[];
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

export class DisagreementRequest {
  @ApiProperty({ example: 'The bias audit gap is not acceptable for a customer-facing credit use' })
  @Transform(trim)
  @IsString()
  @Length(10, 10_000)
  rationale: string;
}

export class DecisionStepResponse {
  @ApiProperty({ enum: DECISION_STEPS }) step: DecisionStep;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: DecisionOutcome;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Null when the system set the decision aside' }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty() at: Date;

  static of(step: DecisionStepEntity): DecisionStepResponse {
    return { step: step.step, outcome: step.outcome, rationale: step.rationale, actorId: step.actorId, actorName: step.actorName, at: step.createdAt };
  }
}

export class ConditionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ type: [String], description: 'Findings it covers; meeting it sends them to retest' }) findingIds: string[];
  @ApiProperty({ enum: CONDITION_STATUSES, description: 'proposed_met: procurement says it is met, a risk manager confirms' }) status: ConditionStatus;
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
      findingIds: condition.findingIds,
      status: condition.status,
      overdue: (condition.status === 'open' || condition.status === 'proposed_met') && condition.dueDate < today,
      resolutionNote: condition.resolutionNote,
      evidenceIds: condition.evidenceIds,
      resolvedAt: condition.resolvedAt,
    };
  }
}

export class ProposedConditionResponse {
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId: string | null;
  @ApiProperty({ type: [String] }) findingIds: string[];
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: DecisionOutcome;
  @ApiProperty({ enum: DECISION_STATUSES, description: 'pending_confirmation: waiting for a second risk manager (critical tier or severe residual risk); void: set aside by a disagreement or a clarification' }) status: DecisionStatus;
  @ApiProperty({ description: 'The proposing risk manager\'s rationale' }) rationale: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty() decidedByName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) confirmedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) confirmedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The confirming risk manager\'s rationale' }) confirmationRationale: string | null;
  @ApiProperty({ enum: RESIDUAL_RISKS }) residualRisk: ResidualRisk;
  @ApiProperty({ type: Number, nullable: true }) controlScore: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Next reassessment due' }) validUntil: string | null;
  @ApiProperty({ type: [ConditionResponse] }) conditions: ConditionResponse[];
  @ApiProperty({ type: [ProposedConditionResponse], description: 'The conditions as proposed: what a second risk manager confirms (and sends back with the confirmation)' })
  proposedConditions: ProposedConditionResponse[];
  @ApiProperty({ type: [DecisionStepResponse], description: 'Every proposal, confirmation, disagreement and voiding on this assessment, oldest first' }) steps: DecisionStepResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) finalisedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) voidedAt: Date | null;

  static of(decision: DecisionEntity, conditions: ConditionEntity[], steps: DecisionStepEntity[], today: string): DecisionResponse {
    const own = steps.filter((s) => s.decisionId === decision.id);
    return {
      id: decision.id,
      assessmentId: decision.assessmentId,
      outcome: decision.outcome,
      status: decision.status,
      rationale: decision.rationale,
      decidedBy: decision.decidedBy,
      decidedByName: own.find((s) => s.step === 'proposed')?.actorName ?? '',
      confirmedBy: decision.confirmedBy,
      confirmedByName: own.find((s) => s.step === 'confirmed')?.actorName ?? null,
      confirmationRationale: decision.confirmationRationale,
      residualRisk: decision.residualRisk,
      controlScore: decision.controlScore === null ? null : Number(decision.controlScore),
      validUntil: decision.validUntil,
      conditions: conditions.map((c) => ConditionResponse.of(c, today)),
      proposedConditions: (decision.proposedConditions ?? []).map((c) => ({ text: c.text, dueDate: c.dueDate, ownerId: c.ownerId ?? null, findingIds: c.findingIds ?? [] })),
      steps: steps.map(DecisionStepResponse.of),
      createdAt: decision.createdAt,
      finalisedAt: decision.finalisedAt,
      voidedAt: decision.voidedAt,
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

export const CONDITION_MOVES = ['proposed_met', 'met', 'waived', 'open'] as const;
export type ConditionMove = (typeof CONDITION_MOVES)[number];

export class UpdateConditionRequest {
  @ApiProperty({
    enum: CONDITION_MOVES,
    description: 'proposed_met: procurement (or a risk manager) says it is met, with a note or evidence; met: a risk manager confirms, and the covered findings go to retest; waived: risk managers only, with the reason; open: a risk manager sends a proposal back',
  })
  @IsIn(CONDITION_MOVES)
  status: ConditionMove;

  @ApiProperty({ description: 'How it was met, or why it is waived' })
  @Transform(trim)
  @IsString()
  @Length(3, 5000)
  note: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Evidence files of the assessment that show it is met (the vendor may upload them after the decision, naming the condition)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}
