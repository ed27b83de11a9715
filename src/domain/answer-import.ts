/**
 * Answers from another questionnaire's export (the CSA CAIQ, say), translated by a mapping file
 * into suggestions for our questions. Pure: the caller reads the file and stores the suggestions.
 */
import { answerProblem } from './answers.js';
import { notApplicableAllowed, type Question } from './questionnaire-template.js';

export interface AnswerMappingEntry {
  /** The other questionnaire's question id, e.g. `IAM-14.1`. */
  external: string;
  /** What the external id is about, for people reading the file. */
  control?: string;
  question: string;
  /** External answer (matched without regard to case) -> our answer value. */
  values: Record<string, string | boolean>;
}

export interface AnswerMapping {
  key: string;
  title: string;
  columns: { questionId: string; answer: string; comment?: string };
  /** External answers that mean "not applicable". */
  notApplicable: string[];
  mappings: AnswerMappingEntry[];
}

export const MAX_IMPORTED_COMMENT = 2000;
const EXTERNAL_ID = /^[A-Z&]{2,4}-\d{2}(\.\d+)?$/;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Every problem of a mapping file: its shape, and each translation checked against the question
 * it names, in every shipped questionnaire that asks it (the lite one shares ids with the core one).
 */
export function checkAnswerMapping(raw: unknown, questions: ReadonlyMap<string, readonly Question[]>): { mapping?: AnswerMapping; problems: string[] } {
  const file = raw as Partial<AnswerMapping> | null;
  if (!file || typeof file !== 'object') return { problems: ['the file is not a mapping'] };
  const problems: string[] = [];
  if (!isText(file.key) || !/^[a-z0-9-]+$/.test(file.key)) problems.push('key: lower-case letters, digits and dashes');
  if (!isText(file.title)) problems.push('title: required');
  if (!file.columns || !isText(file.columns.questionId) || !isText(file.columns.answer)) problems.push('columns: questionId and answer name header cells');
  if (!Array.isArray(file.notApplicable) || !file.notApplicable.every(isText)) problems.push('notApplicable: a list of answers');
  if (!Array.isArray(file.mappings) || file.mappings.length === 0) return { problems: [...problems, 'mappings: a non-empty list'] };
  const seen = new Set<string>();
  file.mappings.forEach((entry, i) => {
    const at = `mappings[${i}]`;
    if (!entry || !isText(entry.external) || !EXTERNAL_ID.test(entry.external)) return problems.push(`${at}.external: an id such as IAM-14.1`);
    if (seen.has(entry.external.toUpperCase())) problems.push(`${at}.external: ${entry.external} is mapped twice`);
    seen.add(entry.external.toUpperCase());
    const asked = questions.get(entry.question) ?? [];
    if (asked.length === 0) return problems.push(`${at}.question: ${String(entry.question)} is not a question of a shipped questionnaire`);
    if (!entry.values || typeof entry.values !== 'object' || Object.keys(entry.values).length === 0) return problems.push(`${at}.values: at least one translation`);
    for (const [answer, value] of Object.entries(entry.values)) {
      for (const question of asked) {
        const problem = answerProblem(question, value);
        if (problem) problems.push(`${at}.values.${answer}: ${String(value)} is not an answer to ${question.id} (${problem})`);
      }
    }
  });
  return problems.length ? { problems } : { mapping: file as AnswerMapping, problems };
}

export interface ImportedRow {
  /** Row number in the file, the header being where it was found. */
  row: number;
  externalId: string;
  answer: string;
  comment: string;
}

export type RowOutcome = 'suggested' | 'unmapped' | 'invalid' | 'already_answered' | 'not_in_assessment';

export interface RowReport {
  row: number;
  externalId: string;
  questionId: string | null;
  outcome: RowOutcome;
  message: string | null;
}

export interface Suggestion {
  questionId: string;
  value: string | boolean | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  comment: string | null;
}

interface Context {
  mapping: AnswerMapping;
  /** The questions of the assessment. */
  questions: ReadonlyMap<string, Question>;
  /** Questions the vendor has answered (not mere suggestions): an import never overwrites them. */
  confirmed: ReadonlySet<string>;
}

/** Each row's fate, and the suggestions of the rows that translate into a valid answer. */
export function translateRows(rows: ImportedRow[], context: Context): { suggestions: Suggestion[]; report: RowReport[] } {
  const byExternal = new Map(context.mapping.mappings.map((entry) => [entry.external.toUpperCase(), entry]));
  const notApplicable = new Set(context.mapping.notApplicable.map((answer) => answer.trim().toLowerCase()));
  const taken = new Map<string, number>();
  const suggestions: Suggestion[] = [];
  const report = rows.map((row): RowReport => {
    const entry = byExternal.get(row.externalId.trim().toUpperCase());
    const base = { row: row.row, externalId: row.externalId, questionId: entry?.question ?? null };
    const refuse = (outcome: RowOutcome, message: string): RowReport => ({ ...base, outcome, message });
    if (!entry) return refuse('unmapped', `${row.externalId} has no counterpart in ${context.mapping.key}`);
    const question = context.questions.get(entry.question);
    if (!question) return refuse('not_in_assessment', `${entry.question} is not asked in this assessment`);
    if (context.confirmed.has(question.id)) return refuse('already_answered', `${question.id} is already answered: an import does not overwrite it`);
    if (taken.has(question.id)) return refuse('invalid', `${question.id} was already given by row ${taken.get(question.id)}`);
    const answer = row.answer.trim();
    const comment = row.comment.trim().slice(0, MAX_IMPORTED_COMMENT) || null;
    if (notApplicable.has(answer.toLowerCase())) {
      if (!notApplicableAllowed(question)) return refuse('invalid', `${question.id} cannot be not applicable`);
      suggestions.push({ questionId: question.id, value: null, notApplicable: true, notApplicableReason: `Marked ${answer} in the imported ${context.mapping.title}`, comment });
    } else {
      const key = Object.keys(entry.values).find((candidate) => candidate.toLowerCase() === answer.toLowerCase());
      if (key === undefined) return refuse('invalid', answer ? `"${answer}" has no translation for ${question.id} (expected ${Object.keys(entry.values).join(', ')})` : 'the answer is empty');
      const problem = answerProblem(question, entry.values[key]);
      if (problem) return refuse('invalid', `${question.id} ${problem}`);
      suggestions.push({ questionId: question.id, value: entry.values[key], notApplicable: false, notApplicableReason: null, comment });
    }
    taken.set(question.id, row.row);
    return { ...base, outcome: 'suggested', message: null };
  });
  return { suggestions, report };
}
