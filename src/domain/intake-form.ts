/**
 * The intake form as data: its questions, how answers are checked against them, and how the
 * tiering rules are checked against the questions when the form is loaded.
 */
import { evaluate, references, type AnswerValue, type Answers, type Condition } from './answer-conditions.js';
import { referenceProblem } from './questionnaire-frameworks.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type TieringRule, type TieringRules } from './tiering.js';

export interface IntakeQuestion {
  id: string;
  text: string;
  help?: string;
  type: 'single_choice' | 'boolean' | 'text';
  required: boolean;
  /** Required when this condition on other answers holds (e.g. the reason for a derogation). */
  requiredWhen?: Condition;
  options?: { value: string; label: string }[];
}

export interface IntakeForm {
  key: string;
  version: string;
  title: string;
  questions: IntakeQuestion[];
  tiering: TieringRules;
}

export interface AnswerProblem {
  field: string;
  message: string;
}

const MAX_TEXT = 4000;

function checkValue(question: IntakeQuestion, value: unknown): string | null {
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT ? null : `must be text of at most ${MAX_TEXT} characters`;
    case 'single_choice': {
      const allowed = (question.options ?? []).map((option) => option.value);
      return typeof value === 'string' && allowed.includes(value) ? null : `must be one of ${allowed.join(', ')}`;
    }
  }
}

/** Unknown ids, values of the wrong type or outside the options, and missing required answers. */
export function checkIntakeAnswers(form: IntakeForm, answers: Record<string, unknown>, options: { allowMissing?: boolean } = {}): AnswerProblem[] {
  const byId = new Map(form.questions.map((question) => [question.id, question]));
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const question = byId.get(id);
    if (!question) problems.push({ field: `answers.${id}`, message: `${id} is not a question of the intake form` });
    else if (value !== null) {
      const problem = checkValue(question, value);
      if (problem) problems.push({ field: `answers.${id}`, message: `${id} ${problem}` });
    }
  }
  const given = answers as Answers;
  if (!options.allowMissing) problems.push(...missingAnswers(form, answers));
  if (problems.length) return problems;
  for (const refusal of form.tiering.refuse ?? []) {
    if (evaluate(refusal.when, given)) problems.push({ field: `answers.${refusal.field}`, message: refusal.message });
  }
  return problems;
}

/** Required answers not given yet (some required only with the answers given). */
export function missingAnswers(form: IntakeForm, answers: Record<string, unknown>): AnswerProblem[] {
  return form.questions
    .filter((question) => {
      const value = answers[question.id];
      const required = question.required || (question.requiredWhen !== undefined && evaluate(question.requiredWhen, answers as Answers));
      return required && (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''));
    })
    .map((question) => ({ field: `answers.${question.id}`, message: `${question.id} is required${question.required ? '' : ' with these answers'}` }));
}

export function toAnswers(answers: Record<string, unknown>): Record<string, AnswerValue> {
  return answers as Record<string, AnswerValue>;
}

function checkCondition(owner: string, condition: Condition, questions: Map<string, IntakeQuestion>): string[] {
  let refs: ReturnType<typeof references> = [];
  try {
    refs = references(condition);
  } catch (error) {
    return [`${owner}: ${(error as Error).message}`];
  }
  return refs.flatMap((ref) => {
    const question = questions.get(ref.question);
    if (!question) return [`${owner} refers to unknown question ${ref.question}`];
    return ref.values.flatMap((value) => {
      const problem = checkValue(question, value);
      return problem ? [`${owner}: ${ref.question} ${problem}, not ${String(value)}`] : [];
    });
  });
}

function checkRule(rule: TieringRule, questions: Map<string, IntakeQuestion>): string[] {
  const problems: string[] = [];
  if (!rule.id || !rule.reason) problems.push(`rule ${rule.id ?? '?'} needs an id and a reason`);
  if (rule.legalReference) {
    const problem = referenceProblem(rule.legalReference);
    if (problem) problems.push(`rule ${rule.id}: ${problem}`);
  }
  if (rule.atLeast && !TIERS.includes(rule.atLeast)) problems.push(`rule ${rule.id}: atLeast must be one of ${TIERS.join(', ')}`);
  if (rule.category && !EU_AI_ACT_CATEGORIES.includes(rule.category)) {
    problems.push(`rule ${rule.id}: category must be one of ${EU_AI_ACT_CATEGORIES.join(', ')}`);
  }
  problems.push(...checkCondition(`rule ${rule.id}`, rule.when as Condition, questions));
  return problems;
}

/** Problems with a form's tiering rules; an empty list means the form can be used. */
export function checkIntakeForm(form: IntakeForm): string[] {
  const questions = new Map(form.questions.map((question) => [question.id, question]));
  const problems: string[] = [];
  if (!TIERS.includes(form.tiering?.baseTier)) problems.push('tiering.baseTier must be a tier');
  if (!EU_AI_ACT_CATEGORIES.includes(form.tiering?.baseCategory)) problems.push('tiering.baseCategory must be a category');
  const ids = new Set<string>();
  for (const rule of form.tiering?.rules ?? []) {
    if (ids.has(rule.id)) problems.push(`rule ${rule.id} is defined twice`);
    ids.add(rule.id);
    problems.push(...checkRule(rule, questions));
  }
  for (const refusal of form.tiering?.refuse ?? []) {
    if (!questions.has(refusal.field)) problems.push(`refusal ${refusal.id} names unknown field ${refusal.field}`);
    if (!refusal.message) problems.push(`refusal ${refusal.id} needs a message`);
    problems.push(...checkCondition(`refusal ${refusal.id}`, refusal.when, questions));
  }
  for (const question of form.questions) {
    if (question.requiredWhen) problems.push(...checkCondition(`question ${question.id} requiredWhen`, question.requiredWhen, questions));
  }
  return problems;
}
