import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination.js';
import { VALIDATION_KINDS, VALIDATION_STATUSES, type ValidationKind, type ValidationRunEntity, type ValidationStatus } from '../validation-run.entity.js';

/** The multipart form of a validation upload, as documented; it is read part by part. */
export class ValidationUploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The sample as CSV with a header row' })
  file: unknown;

  @ApiProperty({
    description:
      'JSON: `{"kind":"classification","label":…,"score"?:…,"prediction"?:…,"threshold"?:0.5,"positiveLabel"?:1,"groups"?:[…],"features"?:[…],"referenceValidationId"?:…,"referenceGroups"?:{column:group},"minGroupSize"?:30,"bootstrap"?:1000,"seed"?:1}` or `{"kind":"generative_eval","category":…,"outcome":…}`',
    example: '{"kind":"classification","label":"defaulted","score":"pd","groups":["age_band"]}',
  })
  mapping: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An assessment of this AI system that the run is done for: the draft findings go on it (otherwise on the AI system’s latest assessment)' })
  assessmentId?: string;
}

export class ValidationRequested {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: VALIDATION_STATUSES })
  status: ValidationStatus;
}

export class ValidationRunResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  aiSystemId: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The assessment the run was done for, when one was named at upload' })
  assessmentId: string | null;

  @ApiProperty({ enum: VALIDATION_KINDS })
  kind: ValidationKind;

  @ApiProperty({ enum: VALIDATION_STATUSES })
  status: ValidationStatus;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the run failed, naming the row and column of the sample', example: 'row 12, column "score": "n/a" is not a number' })
  error: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The mapping with its defaults filled in' })
  mapping: Record<string, unknown>;

  @ApiProperty({ description: 'SHA-256 of the sample file, hex' })
  inputSha256: string;

  @ApiProperty({ description: 'Bytes of the sample file' })
  inputSize: number;

  @ApiProperty({ description: 'True once the retention sweep has deleted the sample file; the results stay' })
  inputDeleted: boolean;

  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'performance, fairness, stability or generative failure rates; present once done' })
  results: Record<string, unknown> | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'SHA-256 of the canonical JSON (keys sorted) of the results' })
  resultsSha256: string | null;

  @ApiProperty({ type: [String], description: 'Draft findings the run opened' })
  findingIds: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  finishedAt: string | null;

  static of(run: ValidationRunEntity, withResults = true): ValidationRunResponse {
    return {
      id: run.id,
      aiSystemId: run.aiSystemId,
      assessmentId: run.assessmentId,
      kind: run.kind,
      status: run.status,
      progress: run.progress,
      error: run.error,
      mapping: run.mapping,
      inputSha256: run.inputSha256,
      inputSize: Number(run.inputSize),
      inputDeleted: run.inputDeletedAt !== null,
      results: withResults ? run.results : null,
      resultsSha256: run.resultsSha256,
      findingIds: run.findingIds,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    };
  }
}

export class ValidationRunPage extends PageOf(ValidationRunResponse) {}
