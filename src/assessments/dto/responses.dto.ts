import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { AnswerValue } from '../../domain/answer-conditions.js';
import { ASSESSMENT_STATES, type AssessmentState } from '../../domain/assessment-state.js';

/** The shapes an answer takes, so that typed clients see them instead of an opaque object. */
// OpenAPI 3.0 honours `nullable` only next to a `type`, so null is allowed on one branch (exactly one,
// for `oneOf`), not beside the `oneOf`.
const ANSWER_SCHEMA = {
  oneOf: [{ type: 'boolean' }, { type: 'string', nullable: true }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
} satisfies ApiPropertyOptions;

export class ResponseInput {
  @ApiProperty({ example: 'DATA-03' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/)
  questionId: string;

  @ApiPropertyOptional({ ...ANSWER_SCHEMA, description: 'true/false, an option value, a list of option values, text, a number or a YYYY-MM-DD date, by question type; null clears the answer' })
  @IsOptional()
  value?: AnswerValue;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The question does not apply; give the reason' })
  @IsOptional()
  @IsBoolean()
  notApplicable?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class SaveResponsesRequest {
  @ApiProperty({ type: [ResponseInput], maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ResponseInput)
  responses: ResponseInput[];
}

export class SaveResponsesResult {
  @ApiProperty() saved: number;
  @ApiProperty({ enum: ASSESSMENT_STATES }) status: AssessmentState;
}

export class OptionView {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'boolean' }] }) value: string | boolean;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ description: 'Cannot be chosen with other options' }) exclusive?: boolean;
}

export class EvidenceRequestView {
  @ApiProperty({ type: [String], example: ['SOC 2 Type II report'] }) expected: string[];
  @ApiProperty() required: boolean;
  @ApiPropertyOptional() maxAgeMonths?: number;
}

export class AnswerView {
  @ApiProperty({ ...ANSWER_SCHEMA, description: 'The answer value, by question type' }) value: AnswerValue;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty() notApplicable: boolean;
  @ApiProperty({ type: String, nullable: true }) notApplicableReason: string | null;
  @ApiProperty({ description: 'Carried forward from the previous cycle and not yet confirmed' }) suggested: boolean;
  @ApiProperty() answeredAt: Date;
}

export class QuestionView {
  @ApiProperty({ example: 'DATA-03' }) id: string;
  @ApiProperty({ example: 'DATA' }) domain: string;
  @ApiProperty({ example: 'Data governance', description: "The domain's title, for grouping the questions" }) domainTitle: string;
  @ApiProperty({ enum: ['boolean', 'single_choice', 'multi_choice', 'text', 'number', 'date', 'evidence'] }) type: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional() help?: string;
  @ApiPropertyOptional({ type: [OptionView] }) options?: OptionView[];
  @ApiPropertyOptional({ description: 'Number questions: the lowest answer accepted' }) minimum?: number;
  @ApiPropertyOptional({ description: 'Number questions: the highest answer accepted' }) maximum?: number;
  @ApiProperty() required: boolean;
  @ApiProperty({ description: 'Whether the question may be answered not applicable (with a reason)' }) naAllowed: boolean;
  @ApiPropertyOptional({ type: EvidenceRequestView }) evidence?: EvidenceRequestView;
  @ApiProperty({ description: 'Whether the caller may change this answer now' }) editable: boolean;
  @ApiProperty({ type: [String], description: 'Evidence files linked to this question' }) evidenceIds: string[];
  @ApiPropertyOptional({ type: AnswerView }) answer?: AnswerView;
}

export class QuestionList {
  @ApiProperty({ type: [QuestionView] }) items: QuestionView[];
}

export class SubmissionGap {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: ['answer', 'evidence', 'confirmation'] }) missing: string;
}
