/**
 * A questionnaire template as data (questionnaires/*.yaml): the shape every other part of the
 * product reads, and the small facts about it (versions, counts, scoring fields).
 */
import type { Condition } from './answer-conditions.js';

export const TEMPLATE_KINDS = ['questionnaire', 'intake'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const QUESTION_TYPES = ['boolean', 'single_choice', 'multi_choice', 'text', 'number', 'date', 'evidence'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const KNOCKOUT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type KnockoutSeverity = (typeof KNOCKOUT_SEVERITIES)[number];

export type OptionValue = string | boolean;

export interface QuestionOption {
  value: OptionValue;
  label: string;
  /** 0 (worst) to 1 (best); absent on unscored questions and on the intake. */
  points?: number;
  /** A multi-choice option that cannot be chosen with others ("none of these"). */
  exclusive?: boolean;
  /** Choosing this option fires a knockout of its own (a multi-choice of capabilities, each with its finding). */
  knockout?: Omit<Knockout, 'when'>;
  /** Choosing this option contradicts the intake when the condition (on `intake.*` fields) holds. */
  contradictsIntake?: { when: Condition; finding: string; severity?: KnockoutSeverity };
}

/** Points of a number answer: the first band whose bounds hold it (`min` inclusive, `below` exclusive). */
export interface ScoreBandRule {
  min?: number;
  below?: number;
  points: number;
  label: string;
}

export interface EvidenceRequest {
  expected: string[];
  required: boolean;
  maxAgeMonths?: number;
}

export interface Knockout {
  when: Condition;
  severity: KnockoutSeverity;
  finding: string;
}

export interface Question {
  id: string;
  /** Absent on the intake, which has no domains. */
  domain?: string;
  text: string;
  help?: string;
  type: QuestionType;
  options?: QuestionOption[];
  required: boolean;
  visibleWhen?: Condition;
  evidence?: EvidenceRequest;
  weight?: number;
  knockout?: Knockout;
  /** False where a missing control must show as missing: N/A is then refused (as on every knockout question). */
  naAllowed?: boolean;
  /** Severity of the draft finding a weak answer opens; by default it follows the question's weight. */
  findingSeverity?: KnockoutSeverity;
  /** Number questions: the lowest and highest answers accepted. */
  minimum?: number;
  maximum?: number;
  /** Number questions: the bands that give their points. */
  scoreBands?: ScoreBandRule[];
  mapsTo?: string[];
}

export interface TemplateDomain {
  id: string;
  title: string;
  description?: string;
  weight: number;
}

export interface QuestionnaireTemplate {
  kind: TemplateKind;
  key: string;
  version: string;
  title: string;
  description?: string;
  appliesTo?: { tiers: string[]; modelTypes: string[] };
  domains?: TemplateDomain[];
  questions: Question[];
  /** The intake's tiering rules, checked by the tiering code (src/domain/intake-form.ts). */
  tiering?: Record<string, unknown>;
}

export const TEMPLATE_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const TEMPLATE_VERSION = /^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$/;

export type SemVer = readonly [major: number, minor: number, patch: number];

export function parseVersion(version: string): SemVer {
  const match = TEMPLATE_VERSION.exec(version);
  if (!match) throw new Error(`${version} is not a MAJOR.MINOR.PATCH version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** A question is scored when its options carry points; only those have a weight. */
export function isScored(question: Question): boolean {
  return (question.scoreBands?.length ?? 0) > 0 || (question.options ?? []).some((option) => option.points !== undefined);
}

/** Whether an answer to the question can fire a knockout: its own, or one of its options'. */
export function hasKnockout(question: Question): boolean {
  return question.knockout !== undefined || (question.options ?? []).some((option) => option.knockout);
}

/** N/A may never switch off a knockout or a control the template marks as always applicable. */
export function notApplicableAllowed(question: Question): boolean {
  return !hasKnockout(question) && question.naAllowed !== false;
}

export function knockoutCount(template: QuestionnaireTemplate): number {
  return template.questions.filter(hasKnockout).length;
}

/**
 * What only the risk function may read: weights, points, knockouts and the tiering rules. A
 * vendor answering (and anyone outside risk) sees the questions without them.
 */
export function withoutScoring(template: QuestionnaireTemplate): QuestionnaireTemplate {
  const { tiering: _tiering, ...rest } = template;
  return {
    ...rest,
    domains: template.domains?.map(({ weight: _weight, ...domain }) => domain as TemplateDomain),
    questions: template.questions.map(({ weight: _weight, knockout: _knockout, findingSeverity: _severity, scoreBands: _bands, ...question }) => ({
      ...question,
      options: question.options?.map(({ points: _points, contradictsIntake: _contradicts, knockout: _optionKnockout, ...option }) => option),
    })),
  };
}
