import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_TYPES, KNOCKOUT_SEVERITIES, TEMPLATE_KINDS, withoutScoring, type QuestionnaireTemplate, type QuestionType, type TemplateKind } from '../../domain/questionnaire-template.js';
import type { QuestionnaireVersionEntity } from '../questionnaire-version.entity.js';

const CONDITION = {
  type: 'object',
  additionalProperties: true,
  description: 'A condition on answers: {equals: {Q: v}}, {in: {Q: [v, ...]}}, {not: c}, {all: [c, ...]} or {any: [c, ...]}',
} as const;

export class QuestionOptionDto {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'boolean' }], example: 'opt_in' }) value: string | boolean;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ description: 'Cannot be chosen with other options (none of these)' }) exclusive?: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Score of this answer; risk roles only' }) points?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The knockout this choice fires ({severity, finding}); risk roles only' })
  knockout?: object;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'When this choice contradicts the intake ({when, finding}); risk roles only' })
  contradictsIntake?: object;
}

export class ScoreBandDto {
  @ApiPropertyOptional({ description: 'Lowest value of the band (inclusive)' }) min?: number;
  @ApiPropertyOptional({ description: 'Values below this (exclusive)' }) below?: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) points: number;
  @ApiProperty() label: string;
}

export class EvidenceRequestDto {
  @ApiProperty({ type: [String], example: ['dpa'] }) expected: string[];
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ description: 'Documents older than this are stale' }) maxAgeMonths?: number;
}

export class KnockoutDto {
  @ApiProperty(CONDITION) when: object;
  @ApiProperty({ enum: KNOCKOUT_SEVERITIES }) severity: string;
  @ApiProperty({ description: 'The finding opened when the condition holds' }) finding: string;
}

export class QuestionDto {
  @ApiProperty({ example: 'DATA-01' }) id: string;
  @ApiPropertyOptional({ example: 'DATA' }) domain?: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional() help?: string;
  @ApiProperty({ enum: QUESTION_TYPES, enumName: 'QuestionType' }) type: QuestionType;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: [QuestionOptionDto] }) options?: QuestionOptionDto[];
  @ApiPropertyOptional({ ...CONDITION, description: `Shown only when this holds. ${CONDITION.description}` }) visibleWhen?: object;
  @ApiPropertyOptional({ type: EvidenceRequestDto }) evidence?: EvidenceRequestDto;
  @ApiPropertyOptional({ description: 'Weight within the domain; risk roles only' }) weight?: number;
  @ApiPropertyOptional({ type: KnockoutDto, description: 'Risk roles only' }) knockout?: KnockoutDto;
  @ApiPropertyOptional({ description: 'False when N/A is refused; N/A is also refused on every knockout question' }) naAllowed?: boolean;
  @ApiPropertyOptional({ description: 'Number questions: the lowest answer accepted' }) minimum?: number;
  @ApiPropertyOptional({ description: 'Number questions: the highest answer accepted' }) maximum?: number;
  @ApiPropertyOptional({ enum: KNOCKOUT_SEVERITIES, description: 'Severity of a weak-answer finding; risk roles only' }) findingSeverity?: string;
  @ApiPropertyOptional({ type: [ScoreBandDto], description: 'Points of a number answer by band; risk roles only' }) scoreBands?: ScoreBandDto[];
  @ApiPropertyOptional({ type: [String], example: ['gdpr:Art.28(3)(a)', 'nist-ai-rmf:GOVERN-6.1'] }) mapsTo?: string[];
}

export class TemplateDomainDto {
  @ApiProperty({ example: 'DATA' }) id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ description: 'Weight in the control score; risk roles only' }) weight?: number;
}

export class AppliesToDto {
  @ApiProperty({ type: [String], example: ['medium', 'high', 'critical'] }) tiers: string[];
  @ApiProperty({ type: [String], example: ['predictive', 'generative'] }) modelTypes: string[];
}

/** A stored template version; scoring (weights, points, knockouts, tiering) only for risk roles. */
export class QuestionnaireVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ai-due-diligence-core' }) key: string;
  @ApiProperty({ example: '1.0.0' }) version: string;
  @ApiProperty({ enum: TEMPLATE_KINDS, enumName: 'TemplateKind' }) kind: TemplateKind;
  @ApiProperty() title: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ description: 'SHA-256 of the template as canonical JSON' }) contentHash: string;
  @ApiProperty({ example: 'file:ai-due-diligence-core.yaml' }) source: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() questionCount: number;
  @ApiProperty({ description: 'Whether weights, points, knockouts and tiering rules are included (risk roles)' }) scoringIncluded: boolean;
  @ApiPropertyOptional({ type: AppliesToDto }) appliesTo?: AppliesToDto;
  @ApiPropertyOptional({ type: [TemplateDomainDto] }) domains?: TemplateDomainDto[];
  @ApiProperty({ type: [QuestionDto] }) questions: QuestionDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The intake tiering rules; risk roles only' })
  tiering?: Record<string, unknown>;

  static of(stored: QuestionnaireVersionEntity, withScoring: boolean): QuestionnaireVersionResponse {
    const template: QuestionnaireTemplate = withScoring ? stored.template : withoutScoring(stored.template);
    return {
      id: stored.id,
      key: stored.key,
      version: stored.version,
      kind: stored.kind,
      title: stored.title,
      description: template.description,
      contentHash: stored.contentHash,
      source: stored.source,
      createdAt: stored.createdAt,
      questionCount: stored.questionCount,
      scoringIncluded: withScoring,
      appliesTo: template.appliesTo,
      domains: template.domains,
      questions: template.questions,
      tiering: template.tiering,
    };
  }
}
