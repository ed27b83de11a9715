import type { Schemas } from '../../api/client';

export type Question = Schemas['QuestionView'];
export type Assessment = Schemas['AssessmentResponse'];
export type Evidence = Schemas['EvidenceResponse'];
export type AnswerValue = NonNullable<Schemas['ResponseInput']['value']> | null;

/** What the vendor has entered for a question and not yet seen saved. */
export interface Draft {
  value: AnswerValue;
  notApplicable?: boolean;
  reason?: string;
}

export type Drafts = Record<string, Draft>;

export const OPEN_STATES: Assessment['status'][] = ['sent', 'in_progress', 'clarification_requested'];

/** The answer as the vendor sees it now: the unsaved draft first, then what the server holds. */
export function currentAnswer(question: Question, drafts: Drafts): Draft {
  const draft = drafts[question.id];
  if (draft) return draft;
  const answer = question.answer;
  return { value: answer?.value ?? null, notApplicable: answer?.notApplicable, reason: answer?.notApplicableReason ?? undefined };
}

const hasValue = (value: AnswerValue) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export const needsEvidence = (q: Question) => (q.type === 'evidence' && q.required) || q.evidence?.required === true;

export type GapKind = 'answer' | 'evidence' | 'confirmation';
export interface Gap {
  question: Question;
  missing: GapKind;
}

/** The same rules the API applies at submission, so the summary matches its answer. */
export function gapsOf(questions: Question[], drafts: Drafts): Gap[] {
  const gaps: Gap[] = [];
  for (const question of questions) {
    const answer = currentAnswer(question, drafts);
    const suggested = !drafts[question.id] && question.answer?.suggested === true;
    if (suggested) gaps.push({ question, missing: 'confirmation' });
    if (answer.notApplicable) continue;
    if (question.required && question.type !== 'evidence' && !suggested && !hasValue(answer.value)) gaps.push({ question, missing: 'answer' });
    if (needsEvidence(question) && question.evidenceIds.length === 0) gaps.push({ question, missing: 'evidence' });
  }
  return gaps;
}

export interface Progress {
  answered: number;
  required: number;
  evidenceAttached: number;
  evidenceRequested: number;
}

export function progressOf(questions: Question[], drafts: Drafts): Progress {
  const required = questions.filter((q) => q.required && q.type !== 'evidence');
  const answered = required.filter((q) => {
    const answer = currentAnswer(q, drafts);
    return answer.notApplicable || (hasValue(answer.value) && !(q.answer?.suggested && !drafts[q.id]));
  });
  const requested = questions.filter(needsEvidence);
  return {
    answered: answered.length,
    required: required.length,
    evidenceAttached: requested.filter((q) => q.evidenceIds.length > 0 || currentAnswer(q, drafts).notApplicable).length,
    evidenceRequested: requested.length,
  };
}

export interface DomainGroup {
  id: string;
  title: string;
  questions: Question[];
}

/** Domains in the order their first question appears. */
export function byDomain(questions: Question[]): DomainGroup[] {
  const groups = new Map<string, DomainGroup>();
  for (const question of questions) {
    const group = groups.get(question.domain) ?? { id: question.domain, title: question.domainTitle || question.domain || 'General', questions: [] };
    group.questions.push(question);
    groups.set(question.domain, group);
  }
  return [...groups.values()];
}

/** One line per question, naming everything it still needs. */
export function gapsByQuestion(gaps: Gap[]): { question: Question; missing: GapKind[] }[] {
  const lines = new Map<string, { question: Question; missing: GapKind[] }>();
  for (const gap of gaps) {
    const line = lines.get(gap.question.id) ?? { question: gap.question, missing: [] };
    line.missing.push(gap.missing);
    lines.set(gap.question.id, line);
  }
  return [...lines.values()];
}

export const questionAnchor = (id: string) => `q-${id}`;
