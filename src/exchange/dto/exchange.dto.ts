import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { RowOutcome } from '../../domain/answer-import.js';

export class AssessmentExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ExportedAssessment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty() vendorName: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() aiSystemName: string;
  @ApiProperty() cycle: number;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: [String], example: ['ai-due-diligence-core@1.2.0'] }) questionnaires: string[];
}

export class ExportedAnswer {
  @ApiProperty({ example: 'DATA-03' }) questionId: string;
  @ApiProperty() questionnaire: string;
  @ApiProperty({ type: String, nullable: true }) domain: string | null;
  @ApiProperty() question: string;
  @ApiProperty() type: string;
  @ApiProperty({ description: 'As saved: text, number, boolean, date or a list of options; null when not answered', oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] }) value: unknown;
  @ApiProperty() notApplicable: boolean;
  @ApiProperty({ type: String, nullable: true }) notApplicableReason: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ description: 'Carried forward or imported, not yet confirmed by the vendor' }) suggested: boolean;
  @ApiProperty() answeredAt: Date;
}

export class ExportedEvidence {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() mediaType: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) documentDate: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expiresAt: string | null;
  @ApiProperty({ type: [String] }) questionIds: string[];
  @ApiProperty() reviewStatus: string;
  @ApiProperty() uploadedAt: Date;
}

export class AssessmentExport {
  @ApiProperty({ type: ExportedAssessment }) assessment: ExportedAssessment;
  @ApiProperty() exportedAt: Date;
  @ApiProperty({ type: [ExportedAnswer], description: 'In questionnaire order' }) answers: ExportedAnswer[];
  @ApiProperty({ type: [ExportedEvidence], description: 'Oldest first' }) evidence: ExportedEvidence[];
}

export class AnswerImportQuery {
  @ApiPropertyOptional({ default: 'caiq-v4-ai', description: 'The mapping file (questionnaires/exchange/<key>.yaml) from the other questionnaire to ours' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,60}$/)
  mapping?: string;
}

export class AnswerImportForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The other questionnaire exported as CSV or XLSX, told apart by content (a title block above the header row is fine; in a workbook, the first sheet with the header row is read)' })
  file: unknown;
}

const OUTCOMES: RowOutcome[] = ['suggested', 'unmapped', 'invalid', 'already_answered', 'not_in_assessment'];

export class ImportedRowReport {
  @ApiProperty({ description: 'Row number in the file' }) row: number;
  @ApiProperty({ example: 'IAM-14.1' }) externalId: string;
  @ApiProperty({ type: String, nullable: true, example: 'SEC-07' }) questionId: string | null;
  @ApiProperty({ enum: OUTCOMES, enumName: 'ImportRowOutcome' }) outcome: RowOutcome;
  @ApiProperty({ type: String, nullable: true, description: 'Why the row gave no suggestion' }) message: string | null;
}

export class AnswerImportReport {
  @ApiProperty({ example: 'caiq-v4-ai' }) mapping: string;
  @ApiProperty({ description: 'SHA-256 of the file, as audited' }) sha256: string;
  @ApiProperty() rowsRead: number;
  @ApiProperty({ description: 'Rows per outcome', example: { suggested: 7, unmapped: 120, invalid: 1, already_answered: 0, not_in_assessment: 0 } }) counts: Record<RowOutcome, number>;
  @ApiProperty({ type: [ImportedRowReport], description: 'Every row that named a question id, in file order' }) rows: ImportedRowReport[];

  static of(outcome: { mapping: string; sha256: string; rowsRead: number; report: ImportedRowReport[] }): AnswerImportReport {
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, outcome.report.filter((r) => r.outcome === o).length])) as Record<RowOutcome, number>;
    return { mapping: outcome.mapping, sha256: outcome.sha256, rowsRead: outcome.rowsRead, counts, rows: outcome.report };
  }
}
