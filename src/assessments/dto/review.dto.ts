import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Length, Matches } from 'class-validator';
import { RESIDUAL_RISKS, SCORE_BANDS, type ResidualRisk, type ScoreBand } from '../../domain/scoring.js';
import type { ClarificationEntity } from '../clarification.entity.js';

export class ClarificationRequest {
  @ApiProperty({ type: [String], example: ['FAIR-02', 'FAIR-03'], description: 'The answers to reopen' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, { each: true })
  questionIds: string[];

  @ApiProperty({ example: 'Please attach the subgroup results by age band mentioned in your answer.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(5, 5000)
  message: string;
}

export class ClarificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [String] }) questionIds: string[];
  @ApiProperty() message: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When the vendor resubmitted' }) answeredAt: Date | null;

  static of(c: ClarificationEntity): ClarificationResponse {
    return { id: c.id, questionIds: c.questionIds, message: c.message, createdAt: c.createdAt, answeredAt: c.answeredAt };
  }
}

export class ClarificationList {
  @ApiProperty({ type: [ClarificationResponse] }) items: ClarificationResponse[];
}

export class ScoreLineView {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: ['scored', 'unanswered_required', 'not_applicable', 'unanswered_optional', 'hidden'] }) status: string;
  @ApiProperty({ nullable: true, description: 'The answer as given' }) answer: unknown;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty() weight: number;
  @ApiProperty({ type: Number, nullable: true, description: 'points × weight, or null when left out' }) contribution: number | null;
}

export class DomainScoreView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() weight: number;
  @ApiProperty({ type: Number, nullable: true, description: '0..100; null when nothing in the domain counts' }) score: number | null;
  @ApiProperty({ type: [ScoreLineView] }) explanation: ScoreLineView[];
}

export class KnockoutView {
  @ApiProperty() questionId: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] }) severity: string;
  @ApiProperty() finding: string;
  @ApiProperty({ nullable: true }) answer: unknown;
}

export class NotApplicableView {
  @ApiProperty({ example: 'TRAIN-05' }) questionId: string;
  @ApiProperty({ type: String, nullable: true, description: "The vendor's reason" }) reason: string | null;
}

export class ScoreResponse {
  @ApiProperty({ type: Number, nullable: true }) controlScore: number | null;
  @ApiPropertyOptional({ enum: SCORE_BANDS, nullable: true }) band: ScoreBand | null;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] }) inherentTier: string;
  @ApiProperty({ enum: RESIDUAL_RISKS }) residualRisk: ResidualRisk;
  @ApiProperty({ type: [String] }) residualExplanation: string[];
  @ApiProperty({ type: [DomainScoreView] }) domains: DomainScoreView[];
  @ApiProperty({ type: [KnockoutView] }) knockouts: KnockoutView[];
  @ApiProperty({ type: [NotApplicableView], description: 'Visible questions answered N/A, with the reasons: left out of the score' }) notApplicable: NotApplicableView[];
}

export class StartReviewResponse {
  @ApiProperty({ enum: ['in_review'] }) status: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ description: 'Draft findings opened for knockouts and weak answers' }) draftFindings: number;
}
