/**
 * Answers to questionnaire questions: checking a value against its question, working out which
 * questions are visible, and what is still missing before a submission.
 */
import { evaluate, type AnswerValue, type Answers } from './answer-conditions.js';
import { hasKnockout, notApplicableAllowed, type Question } from './questionnaire-template.js';

export const MAX_TEXT_ANSWER = 20_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const optionValues = (question: Question) => (question.options ?? []).map((option) => option.value);

/** Why `value` is not an answer to `question`, or null when it is one. Null values are never checked here. */
export function answerProblem(question: Question, value: unknown): string | null {
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'single_choice':
      return optionValues(question).includes(value as string) ? null : `must be one of ${optionValues(question).map(String).join(', ')}`;
    case 'multi_choice': {
      const allowed = optionValues(question);
      if (!Array.isArray(value)) return 'must be a list of options';
      if (new Set(value).size !== value.length) return 'must not list an option twice';
      const unknown = value.filter((item) => !allowed.includes(item));
      if (unknown.length) return `${unknown.map(String).join(', ')} not among ${allowed.map(String).join(', ')}`;
      const exclusive = (question.options ?? []).find((option) => option.exclusive && value.includes(option.value));
      return exclusive && value.length > 1 ? `${String(exclusive.value)} cannot be chosen with other options` : null;
    }
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT_ANSWER ? null : `must be text of at most ${MAX_TEXT_ANSWER} characters`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if ((question.minimum !== undefined && value < question.minimum) || (question.maximum !== undefined && value > question.maximum)) {
        return `must be between ${question.minimum ?? '-∞'} and ${question.maximum ?? '∞'}`;
      }
      return null;
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : 'must be a date as YYYY-MM-DD';
    case 'evidence':
      // Answered by uploading evidence linked to the question; the value may carry a note.
      return typeof value === 'string' && value.length <= MAX_TEXT_ANSWER ? null : 'must be a note (text); attach files as evidence';
  }
}

export interface StoredAnswer {
  value: AnswerValue;
  notApplicable: boolean;
  notApplicableReason?: string | null;
}

/** Why `question` cannot be marked N/A with this reason, or null when it can. */
export function notApplicableProblem(question: Question, reason: string | null | undefined): string | null {
  if (hasKnockout(question)) return 'cannot be marked not applicable: its answer decides a knockout';
  if (!notApplicableAllowed(question)) return 'cannot be marked not applicable: the questionnaire requires an answer';
  if (!reason || reason.trim() === '') return 'is marked not applicable without a reason';
  return null;
}

/**
 * The questions visible given the answers and the intake scope (`intake.*` fields). A hidden
 * question's answer does not count, so visibility is worked out until it no longer changes
 * (templates have no cycles).
 */
export function visibleQuestionIds(questions: readonly Question[], answers: Readonly<Record<string, StoredAnswer>>, intake: Answers = {}): Set<string> {
  let visible = new Set(questions.map((question) => question.id));
  for (let round = 0; round <= questions.length; round++) {
    const effective: Record<string, AnswerValue | undefined> = { ...intake };
    for (const [id, answer] of Object.entries(answers)) {
      if (answer && visible.has(id) && !answer.notApplicable) effective[id] = answer.value;
    }
    const next = new Set(questions.filter((q) => !q.visibleWhen || evaluate(q.visibleWhen, effective as Answers)).map((q) => q.id));
    if (next.size === visible.size && [...next].every((id) => visible.has(id))) return next;
    visible = next;
  }
  return visible;
}

export type Gap = { questionId: string; missing: 'answer' | 'evidence' | 'confirmation' };

export interface SubmissionState {
  answers: Readonly<Record<string, StoredAnswer & { suggested?: boolean }>>;
  /** Question ids that have at least one evidence file linked. */
  evidenceFor: ReadonlySet<string>;
  /** The intake scope that `intake.*` conditions read. */
  intake?: Answers;
}

/** What stops a submission: required answers, required evidence, carried-forward answers not confirmed. */
export function submissionGaps(questions: readonly Question[], state: SubmissionState): Gap[] {
  const visible = visibleQuestionIds(questions, state.answers, state.intake);
  const gaps: Gap[] = [];
  for (const question of questions) {
    if (!visible.has(question.id)) continue;
    const answer = state.answers[question.id];
    if (answer?.suggested) gaps.push({ questionId: question.id, missing: 'confirmation' });
    if (answer?.notApplicable) continue;
    const answered = answer !== undefined && answer.value !== null && !answer.suggested;
    const hasEvidence = state.evidenceFor.has(question.id);
    const answerRequired = question.required && question.type !== 'evidence';
    if (answerRequired && !answered) gaps.push({ questionId: question.id, missing: 'answer' });
    const evidenceRequired = (question.type === 'evidence' && question.required) || question.evidence?.required === true;
    if (evidenceRequired && !hasEvidence) gaps.push({ questionId: question.id, missing: 'evidence' });
  }
  return gaps;
}
