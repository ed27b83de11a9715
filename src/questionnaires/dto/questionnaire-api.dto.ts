import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { FieldErrorDto } from '../../common/problem.dto.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/questionnaire-export.js';
import type { Coverage } from '../../domain/questionnaire-coverage.js';
import { TEMPLATE_KEY, TEMPLATE_KINDS, TEMPLATE_VERSION, type TemplateKind } from '../../domain/questionnaire-template.js';
import type { QuestionnaireVersionEntity } from '../questionnaire-version.entity.js';

export class VersionParams {
  @ApiProperty({ example: 'ai-due-diligence-core' })
  @Matches(TEMPLATE_KEY, { message: 'key must be a template key such as ai-due-diligence-core' })
  key: string;

  @ApiProperty({ example: '1.0.0', description: 'MAJOR.MINOR.PATCH, or `latest`' })
  @Matches(new RegExp(`${TEMPLATE_VERSION.source}|^latest$`), { message: 'version must be MAJOR.MINOR.PATCH or latest' })
  version: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export class QuestionnaireSummary {
  @ApiProperty({ example: 'ai-due-diligence-core' }) key: string;
  @ApiProperty({ enum: TEMPLATE_KINDS, enumName: 'TemplateKind' }) kind: TemplateKind;
  @ApiProperty({ example: '1.0.0', description: 'The latest version' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], description: 'Tiers the template is meant for (empty for the intake)' }) tiers: string[];
  @ApiProperty({ type: [String], description: 'AI model types the template is meant for (empty for the intake)' }) modelTypes: string[];
  @ApiProperty() domainCount: number;
  @ApiProperty() questionCount: number;
  @ApiProperty({ description: 'How many versions of this key are stored' }) versionCount: number;
  @ApiProperty() contentHash: string;
  @ApiProperty() createdAt: Date;

  static of(stored: QuestionnaireVersionEntity, versionCount: number): QuestionnaireSummary {
    return {
      key: stored.key,
      kind: stored.kind,
      version: stored.version,
      title: stored.title,
      tiers: stored.template.appliesTo?.tiers ?? [],
      modelTypes: stored.template.appliesTo?.modelTypes ?? [],
      domainCount: stored.template.domains?.length ?? 0,
      questionCount: stored.questionCount,
      versionCount,
      contentHash: stored.contentHash,
      createdAt: stored.createdAt,
    };
  }
}

export class QuestionnairePage {
  @ApiProperty({ type: [QuestionnaireSummary], description: 'One entry per key, at its latest version, by key' }) items: QuestionnaireSummary[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ImportResponse {
  @ApiProperty({ description: 'False when this exact version was already stored: nothing changed' }) created: boolean;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: string;
  @ApiProperty() contentHash: string;
  @ApiProperty() questionCount: number;

  static of(stored: QuestionnaireVersionEntity, created: boolean): ImportResponse {
    return { created, id: stored.id, key: stored.key, version: stored.version, contentHash: stored.contentHash, questionCount: stored.questionCount };
  }
}

export class CoveredIdDto {
  @ApiProperty({ example: 'GOVERN-6.1' }) id: string;
  @ApiProperty({ type: [String], example: ['DATA-01', 'SUPPLY-05'] }) questions: string[];
}

export class FrameworkCoverageDto {
  @ApiProperty({ example: 'nist-ai-rmf' }) framework: string;
  @ApiProperty({ example: 'NIST AI RMF 1.0 (AI 100-1)' }) title: string;
  @ApiProperty({ type: [CoveredIdDto] }) ids: CoveredIdDto[];
}

export class RequiredCoverageDto {
  @ApiProperty({ example: 'eu-ai-act:Art.26' }) reference: string;
  @ApiProperty({ type: [String], description: 'Questions mapping to it or to a part of it; empty when this version does not cover it' }) questions: string[];
}

export class CoverageResponse {
  @ApiProperty() key: string;
  @ApiProperty() version: string;
  @ApiProperty({ type: [FrameworkCoverageDto], description: 'Every framework id the questions map to' }) frameworks: FrameworkCoverageDto[];
  @ApiProperty({ type: [RequiredCoverageDto], description: 'The baseline every shipped questionnaire set must cover, and which questions of this version do' })
  required: RequiredCoverageDto[];

  static of(stored: QuestionnaireVersionEntity, coverage: Coverage): CoverageResponse {
    return { key: stored.key, version: stored.version, ...coverage };
  }
}

/** One error of a template that is not valid (`errors` of its problem+json). */
export class TemplateErrorDto extends FieldErrorDto {
  @ApiProperty({ example: 'import.yaml' }) file: string;
  @ApiProperty({ example: 212 }) line: number;
}
