import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type Tier } from '../../domain/tiering.js';
import { trim } from '../../vendors/dto/vendor.dto.js';
import type { IntakeEntity } from '../intake.entity.js';
import { Article5RulingResponse, TierSignOffResponse } from './intake-rulings.dto.js';

export class CreateIntakeRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  aiSystemId: string;

  @ApiProperty({ example: 'Pre-screen consumer loan applications before an underwriter reviews them' })
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  useCase: string;

  @ApiPropertyOptional({ example: 'Head of Consumer Lending' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  businessOwner?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Answers keyed by intake question id (see GET /intakes/form)',
    example: { decision_impact: 'informs', data_sensitivity: 'personal', exposure: 'internal', annex_iii_area: 'none', generative: false },
  })
  @IsObject()
  answers: Record<string, unknown>;
}

export class IntakePreviewRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Answers keyed by intake question id, as for POST /intakes; unanswered questions may be left out',
    example: { decision_impact: 'informs', data_sensitivity: 'personal', exposure: 'internal', annex_iii_area: 'none', generative: false },
  })
  @IsObject()
  answers: Record<string, unknown>;
}

export class TieringReasonResponse {
  @ApiProperty({ example: 'annex-iii-area' }) rule: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'annex_iii_area is essential_services_credit' }) condition: string;
  @ApiPropertyOptional({ enum: TIERS }) raisesTierTo?: Tier;
  @ApiPropertyOptional({ enum: EU_AI_ACT_CATEGORIES }) category?: EuAiActCategory;
  @ApiPropertyOptional({ description: 'The rule stops the intake (an Article 5 practice) until a risk manager rules it out' }) cannotProceed?: boolean;
  @ApiPropertyOptional({ example: 'eu-ai-act:Art.5(1)(f)' }) legalReference?: string;
}

export class IntakeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() useCase: string;
  @ApiProperty({ type: String, nullable: true }) businessOwner: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: Record<string, unknown>;
  @ApiProperty({ enum: TIERS }) inherentTier: Tier;
  @ApiProperty({ enum: EU_AI_ACT_CATEGORIES }) euAiActCategory: EuAiActCategory;
  @ApiProperty({ description: 'False when a rule (such as an Article 5 practice) forbids going on' }) canProceed: boolean;
  @ApiProperty({ type: [TieringReasonResponse], description: 'Every rule that fired, in order' }) reasons: TieringReasonResponse[];
  @ApiProperty({ example: '1.0.0' }) formVersion: string;
  @ApiProperty({ type: [Article5RulingResponse], description: "Risk managers' rulings that a stopping rule does not apply" }) article5Rulings: Article5RulingResponse[];
  @ApiProperty({ type: TierSignOffResponse, nullable: true, description: 'Set when the intake lowers the tier of an assessed system' }) tierSignOff: TierSignOffResponse | null;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() createdAt: Date;

  static of(intake: IntakeEntity): IntakeResponse {
    return {
      id: intake.id,
      aiSystemId: intake.aiSystemId,
      useCase: intake.useCase,
      businessOwner: intake.businessOwner,
      answers: intake.answers,
      inherentTier: intake.inherentTier,
      euAiActCategory: intake.euAiActCategory,
      canProceed: intake.canProceed,
      reasons: intake.reasons,
      formVersion: intake.formVersion,
      article5Rulings: intake.article5Rulings,
      tierSignOff: intake.tierSignOff,
      requestedBy: intake.requestedBy,
      createdAt: intake.createdAt,
    };
  }
}

export class IntakePreviewResponse {
  @ApiProperty({ enum: TIERS }) inherentTier: Tier;
  @ApiProperty({ enum: EU_AI_ACT_CATEGORIES }) euAiActCategory: EuAiActCategory;
  @ApiProperty({ description: 'False when a rule (such as an Article 5 practice) forbids going on' }) canProceed: boolean;
  @ApiProperty({ type: [TieringReasonResponse], description: 'Every rule that fired, in order' }) reasons: TieringReasonResponse[];
  @ApiProperty({ example: '1.0.0' }) formVersion: string;
  @ApiProperty({ type: [String], description: 'Required questions not answered yet: POST /intakes refuses the answers until they are', example: ['exposure'] })
  missing: string[];
}

export class IntakePage extends PageOf(IntakeResponse) {}

export class IntakeListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  aiSystemId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsEnum(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Intakes that lower an assessed tier and wait for a risk manager (true), or not' })
  @IsOptional()
  @IsIn(['true', 'false'])
  pendingSignOff?: 'true' | 'false';
}

export class IntakeOptionResponse {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
}

export class IntakeQuestionResponse {
  @ApiProperty({ example: 'decision_impact' }) id: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional() help?: string;
  @ApiProperty({ enum: ['single_choice', 'boolean', 'text'] }) type: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Required when this condition on other answers holds' }) requiredWhen?: object;
  @ApiPropertyOptional({ type: [IntakeOptionResponse] }) options?: IntakeOptionResponse[];
}

export class IntakeFormResponse {
  @ApiProperty({ example: 'intake' }) key: string;
  @ApiProperty({ example: '1.0.0' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [IntakeQuestionResponse] }) questions: IntakeQuestionResponse[];
}
