/**
 * The rules a JSON Schema cannot express, applied to a template that already has the right
 * shape: unique ids, questions in existing domains, consistent scoring, conditions that read
 * existing questions and values, no visibility cycles, framework references in their exact form.
 */
import type { Condition } from './answer-conditions.js';
import { isIntakeField } from './intake-scope.js';
import { referenceProblem } from './questionnaire-frameworks.js';
import { isScored, type Question, type QuestionnaireTemplate } from './questionnaire-template.js';

export type TemplatePath = (string | number)[];

export interface TemplateIssue {
  path: TemplatePath;
  message: string;
}

interface ConditionLeaf {
  path: TemplatePath;
  question: string;
  values: unknown[];
}

/** Every `equals` / `in` of a condition, with the path of its question key. */
function leaves(condition: Condition, path: TemplatePath): ConditionLeaf[] {
  if ('equals' in condition) {
    return Object.entries(condition.equals).map(([question, value]) => ({ path: [...path, 'equals', question], question, values: [value] }));
  }
  if ('in' in condition) {
    return Object.entries(condition.in).map(([question, values]) => ({ path: [...path, 'in', question], question, values }));
  }
  if ('not' in condition) return leaves(condition.not, [...path, 'not']);
  const operator = 'all' in condition ? 'all' : 'any';
  const parts = 'all' in condition ? condition.all : condition.any;
  return parts.flatMap((part, index) => leaves(part, [...path, operator, index]));
}

const at = (index: number, ...rest: TemplatePath): TemplatePath => ['questions', index, ...rest];

function valueProblem(target: Question, value: unknown): string | null {
  switch (target.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `${target.id} is a yes/no question: compare it with true or false, not ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' ? null : `${target.id} is a number question: compare it with a number, not ${JSON.stringify(value)}`;
    case 'single_choice':
    case 'multi_choice': {
      const allowed = (target.options ?? []).map((option) => option.value);
      return allowed.includes(value as string) ? null : `${JSON.stringify(value)} is not an option of ${target.id} (options: ${allowed.join(', ')})`;
    }
    default:
      return `${target.id} has ${target.type} answers; conditions can only read choice, yes/no and number answers`;
  }
}

/** What a template is checked against beyond itself: the intake fields its conditions may read. */
export interface TemplateContext {
  intakeFields?: ReadonlyMap<string, Question>;
}

function conditionIssues(owner: Question, condition: Condition, path: TemplatePath, byId: Map<string, Question>, what: string, context: TemplateContext): TemplateIssue[] {
  return leaves(condition, path).flatMap((leaf) => {
    const intake = isIntakeField(leaf.question);
    const target = intake ? context.intakeFields?.get(leaf.question) : byId.get(leaf.question);
    if (!target && intake) return [{ path: leaf.path, message: `${owner.id}: ${what} refers to ${leaf.question}, which is not a field of the intake` }];
    if (!target) return [{ path: leaf.path, message: `${owner.id}: ${what} refers to ${leaf.question}, which is not a question of this template` }];
    return leaf.values.flatMap((value) => {
      const problem = valueProblem(target, value);
      return problem ? [{ path: leaf.path, message: `${owner.id}: ${what}: ${problem}` }] : [];
    });
  });
}

function optionIssues(question: Question, index: number): TemplateIssue[] {
  const options = question.options ?? [];
  const issues: TemplateIssue[] = [];
  const seen = new Set<unknown>();
  options.forEach((option, i) => {
    if (seen.has(option.value)) issues.push({ path: at(index, 'options', i, 'value'), message: `${question.id}: option ${String(option.value)} is listed twice` });
    seen.add(option.value);
    const wantBoolean = question.type === 'boolean';
    if (wantBoolean !== (typeof option.value === 'boolean')) {
      const form = wantBoolean ? 'true or false' : 'a snake_case word, not true or false';
      issues.push({ path: at(index, 'options', i, 'value'), message: `${question.id}: option values of a ${question.type} question are ${form}` });
    }
  });
  if (question.type === 'boolean' && options.length > 0 && !(options.length === 2 && seen.has(true) && seen.has(false))) {
    issues.push({ path: at(index, 'options'), message: `${question.id}: a yes/no question lists exactly the options true and false` });
  }
  const withPoints = options.filter((option) => option.points !== undefined).length;
  if (withPoints > 0 && withPoints < options.length) {
    const missing = options.findIndex((option) => option.points === undefined);
    issues.push({ path: at(index, 'options', missing), message: `${question.id}: either every option has points or none has` });
  }
  if (question.weight !== undefined && !isScored(question)) {
    issues.push({ path: at(index, 'weight'), message: `${question.id}: only a question whose options carry points can have a weight` });
  }
  if ((question.minimum !== undefined || question.maximum !== undefined) && question.type !== 'number') {
    issues.push({ path: at(index, question.minimum !== undefined ? 'minimum' : 'maximum'), message: `${question.id}: only a number question can have a minimum or maximum` });
  }
  if (options.some((option) => option.exclusive) && question.type !== 'multi_choice') {
    issues.push({ path: at(index, 'options'), message: `${question.id}: only a multi-choice option can be exclusive` });
  }
  if (question.scoreBands && question.type !== 'number') {
    issues.push({ path: at(index, 'scoreBands'), message: `${question.id}: only a number question can have score bands` });
  }
  question.scoreBands?.forEach((band, i) => {
    if (band.min !== undefined && band.below !== undefined && band.min >= band.below) {
      issues.push({ path: at(index, 'scoreBands', i), message: `${question.id}: a score band's min must be below its upper bound` });
    }
  });
  return issues;
}

/** A contradiction with the intake reads intake fields only: it compares the answer with the intake. */
function contradictionIssues(question: Question, index: number, byId: Map<string, Question>, context: TemplateContext): TemplateIssue[] {
  return (question.options ?? []).flatMap((option, i) => {
    if (!option.contradictsIntake) return [];
    const path = at(index, 'options', i, 'contradictsIntake', 'when');
    const own = leaves(option.contradictsIntake.when, path).filter((leaf) => !isIntakeField(leaf.question));
    return [
      ...own.map((leaf) => ({ path: leaf.path, message: `${question.id}: contradictsIntake compares with the intake, so it reads intake.* fields only, not ${leaf.question}` })),
      ...conditionIssues(question, option.contradictsIntake.when, path, byId, 'contradictsIntake', context),
    ];
  });
}

function domainIssues(template: QuestionnaireTemplate): TemplateIssue[] {
  if (template.kind === 'intake') return [];
  const issues: TemplateIssue[] = [];
  const domains = template.domains ?? [];
  const ids = new Set<string>();
  domains.forEach((domain, i) => {
    if (ids.has(domain.id)) issues.push({ path: ['domains', i, 'id'], message: `domain ${domain.id} is defined twice` });
    ids.add(domain.id);
    if (!template.questions.some((question) => question.domain === domain.id)) {
      issues.push({ path: ['domains', i, 'id'], message: `domain ${domain.id} has no questions` });
    }
  });
  template.questions.forEach((question, i) => {
    if (question.domain === undefined) return;
    if (!ids.has(question.domain)) issues.push({ path: at(i, 'domain'), message: `${question.id}: domain ${question.domain} is not among the template's domains` });
    else if (!question.id.startsWith(`${question.domain}-`)) {
      issues.push({ path: at(i, 'id'), message: `${question.id}: the id of a question in domain ${question.domain} starts with ${question.domain}-` });
    }
  });
  return issues;
}

/** Each cycle once, reported on the first of its questions in template order. */
function cycleIssues(template: QuestionnaireTemplate, byId: Map<string, Question>): TemplateIssue[] {
  const readsOf = (question: Question) =>
    question.visibleWhen ? [...new Set(leaves(question.visibleWhen, []).map((leaf) => leaf.question))].filter((id) => byId.has(id)) : [];
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const issues: TemplateIssue[] = [];
  const visit = (id: string, trail: string[]): void => {
    state.set(id, 'open');
    for (const next of readsOf(byId.get(id)!)) {
      if (state.get(next) === 'open') {
        const path = [...trail, id];
        const cycle = path.slice(path.indexOf(next));
        const signature = [...cycle].sort().join(' ');
        if (!reported.has(signature)) {
          reported.add(signature);
          const first = template.questions.findIndex((question) => cycle.includes(question.id));
          const start = template.questions[first].id;
          const ordered = [...cycle.slice(cycle.indexOf(start)), ...cycle.slice(0, cycle.indexOf(start)), start];
          issues.push({ path: at(first, 'visibleWhen'), message: `${start}: visibleWhen forms a cycle: ${ordered.join(' → ')}` });
        }
      } else if (!state.has(next)) visit(next, [...trail, id]);
    }
    state.set(id, 'done');
  };
  for (const question of template.questions) if (!state.has(question.id)) visit(question.id, []);
  return issues;
}

function referencesIssues(question: Question, index: number): TemplateIssue[] {
  return (question.mapsTo ?? []).flatMap((reference, i) => {
    const problem = referenceProblem(reference);
    return problem ? [{ path: at(index, 'mapsTo', i), message: `${question.id}: ${problem}` }] : [];
  });
}

/** Every rule broken by a template of the right shape; an empty list means it can be stored. */
export function templateIssues(template: QuestionnaireTemplate, context: TemplateContext = {}): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const byId = new Map<string, Question>();
  template.questions.forEach((question, i) => {
    if (byId.has(question.id)) issues.push({ path: at(i, 'id'), message: `${question.id} is the id of more than one question` });
    else byId.set(question.id, question);
  });
  issues.push(...domainIssues(template));
  template.questions.forEach((question, i) => {
    issues.push(...optionIssues(question, i), ...referencesIssues(question, i), ...contradictionIssues(question, i, byId, context));
    if (question.visibleWhen) issues.push(...conditionIssues(question, question.visibleWhen, at(i, 'visibleWhen'), byId, 'visibleWhen', context));
    if (question.knockout) issues.push(...conditionIssues(question, question.knockout.when, at(i, 'knockout', 'when'), byId, 'knockout', context));
  });
  issues.push(...cycleIssues(template, byId));
  return issues;
}
