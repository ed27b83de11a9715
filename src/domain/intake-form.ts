/**
 * The intake form as data: its questions, how answers are checked against them, and how the
 * tiering rules are checked against the questions when the form is loaded.
 */
import { references, type AnswerValue, type Condition } from './answer-conditions.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type TieringRule, type TieringRules } from './tiering.js';

export interface IntakeQuestion {
  id: string;
  text: string;
  help?: string;
  type: 'single_choice' | 'boolean' | 'text';
  required: boolean;
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
export function checkIntakeAnswers(form: IntakeForm, answers: Record<string, unknown>): AnswerProblem[] {
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
  for (const question of form.questions) {
    const value = answers[question.id];
    if (question.required && (value === undefined || value === null)) {
      problems.push({ field: `answers.${question.id}`, message: `${question.id} is required` });
    }
  }
  return problems;
}

export function toAnswers(answers: Record<string, unknown>): Record<string, AnswerValue> {
  return answers as Record<string, AnswerValue>;
}

function checkRule(rule: TieringRule, questions: Map<string, IntakeQuestion>): string[] {
  const problems: string[] = [];
  if (!rule.id || !rule.reason) problems.push(`rule ${rule.id ?? '?'} needs an id and a reason`);
  if (rule.atLeast && !TIERS.includes(rule.atLeast)) problems.push(`rule ${rule.id}: atLeast must be one of ${TIERS.join(', ')}`);
  if (rule.category && !EU_AI_ACT_CATEGORIES.includes(rule.category)) {
    problems.push(`rule ${rule.id}: category must be one of ${EU_AI_ACT_CATEGORIES.join(', ')}`);
  }
  let refs: ReturnType<typeof references> = [];
  try {
    refs = references(rule.when as Condition);
  } catch (error) {
    problems.push(`rule ${rule.id}: ${(error as Error).message}`);
  }
  for (const ref of refs) {
    const question = questions.get(ref.question);
    if (!question) {
      problems.push(`rule ${rule.id} refers to unknown question ${ref.question}`);
      continue;
    }
    for (const value of ref.values) {
      const problem = checkValue(question, value);
      if (problem) problems.push(`rule ${rule.id}: ${ref.question} ${problem}, not ${String(value)}`);
    }
  }
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
  return problems;
}
