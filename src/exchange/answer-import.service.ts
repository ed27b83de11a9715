import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, unprocessable } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { translateRows, type AnswerMapping, type ImportedRow, type RowReport } from '../domain/answer-import.js';
import { vendorMayAnswer } from '../domain/assessment-state.js';
import { ANSWER_MAPPINGS } from './answer-mapping.loader.js';
import { readSheet, type SheetRecord } from './import-sheet.js';

export interface ImportOutcome {
  mapping: string;
  sha256: string;
  rowsRead: number;
  report: RowReport[];
}

const normalise = (cell: string) => cell.trim().toLowerCase();

/**
 * The answer rows of an exported questionnaire. Exports often open with a title block, so the
 * header is the first row that names both the question-id and the answer columns; in a workbook,
 * on the first sheet that has one. Rows keep the line a spreadsheet shows them on.
 */
export function readImportRows(sheets: SheetRecord[][], mapping: AnswerMapping): ImportedRow[] {
  const wanted = [mapping.columns.questionId, mapping.columns.answer].map(normalise);
  const isHeader = ({ cells }: SheetRecord) => wanted.every((name) => cells.map(normalise).includes(name));
  const records = sheets.find((sheet) => sheet.some(isHeader));
  if (!records) throw unprocessable('columns_missing', `No header row names both "${mapping.columns.questionId}" and "${mapping.columns.answer}"`);
  const headerAt = records.findIndex(isHeader);
  const header = records[headerAt].cells.map(normalise);
  const column = (name: string | undefined) => (name ? header.indexOf(normalise(name)) : -1);
  const [id, answer, comment] = [column(mapping.columns.questionId), column(mapping.columns.answer), column(mapping.columns.comment)];
  return records
    .slice(headerAt + 1)
    .map(({ cells, line }) => ({ row: line, externalId: (cells[id] ?? '').trim(), answer: cells[answer] ?? '', comment: comment >= 0 ? (cells[comment] ?? '') : '' }))
    .filter((row) => row.externalId !== '');
}

@Injectable()
export class AnswerImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    @Inject(ANSWER_MAPPINGS) private readonly mappings: Map<string, AnswerMapping>,
    private readonly clock: Clock,
  ) {}

  knownMappings(): string[] {
    return [...this.mappings.keys()];
  }

  /**
   * The translated answers become suggestions, exactly like answers carried forward from the
   * previous cycle: shown to the vendor, counted only once confirmed. Confirmed answers are kept.
   */
  async import(actor: Actor, principal: Principal, assessmentId: string, mappingKey: string, file: Buffer): Promise<ImportOutcome> {
    const mapping = this.mappings.get(mappingKey)!;
    const rows = readImportRows(await readSheet(file), mapping);
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, assessmentId, { manager: work.manager, lock: true });
      if (!vendorMayAnswer(assessment.status)) throw conflict('answers_locked', `The assessment is ${assessment.status}: answers can no longer change`, { currentState: assessment.status });
      const { byId } = await this.frozen.of(assessment.questionnaires, work.manager);
      const confirmed = await work.manager.find(ResponseEntity, { where: { assessmentId, suggested: false }, select: { questionId: true } });
      const { suggestions, report } = translateRows(rows, { mapping, questions: byId, confirmed: new Set(confirmed.map((r) => r.questionId)) });
      const now = this.clock.now();
      if (suggestions.length) {
        await work.manager.upsert(
          ResponseEntity,
          suggestions.map((s) => ({ assessmentId, questionId: s.questionId, value: s.value as never, comment: s.comment, notApplicable: s.notApplicable, notApplicableReason: s.notApplicableReason, suggested: true, answeredBy: null, answeredAt: now })),
          ['assessmentId', 'questionId'],
        );
      }
      const sha256 = createHash('sha256').update(file).digest('hex');
      work.audit({
        action: 'responses.imported',
        entityType: 'assessment',
        entityId: assessmentId,
        changes: { mapping: { before: null, after: mapping.key }, fileSha256: { before: null, after: sha256 }, suggestedQuestionIds: { before: null, after: suggestions.map((s) => s.questionId) } },
      });
      return { mapping: mapping.key, sha256, rowsRead: rows.length, report };
    });
  }
}
