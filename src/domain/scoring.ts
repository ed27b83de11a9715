/**
 * Control scoring and residual risk. Pure: answers and the frozen questions in, figures out, each
 * with the question ids, answers, points and weights that produced it, so "why is this 61?" is
 * answered by the explanation itself.
 *
 * - question score = points (0..1) × weight; N/A and hidden questions are left out of both sums;
 *   an unanswered required question counts 0; an unanswered optional one is left out.
 * - domain score (0..100) = 100 × Σ points×weight / Σ weight; a domain with nothing to count has no score.
 * - control score = mean of the domain scores weighted by the domains' weights.
 * - residual risk = matrix(inherent tier, control score band), raised by fired knockouts.
 */
import { evaluate, type Answers, type AnswerValue } from './answer-conditions.js';
import { visibleQuestionIds, type StoredAnswer } from './answers.js';
import { isScored, type KnockoutSeverity, type Question, type ScoreBandRule, type TemplateDomain } from './questionnaire-template.js';
import type { Tier } from './tiering.js';

export const RESIDUAL_RISKS = ['low', 'moderate', 'high', 'severe'] as const;
export type ResidualRisk = (typeof RESIDUAL_RISKS)[number];

export const SCORE_BANDS = ['strong', 'adequate', 'weak', 'poor'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** Lower bounds of the bands, best first. */
const BAND_FLOORS: [ScoreBand, number][] = [
  ['strong', 80],
  ['adequate', 60],
  ['weak', 40],
  ['poor', 0],
];

/** Residual risk by inherent tier and control band: a riskier use is never rated better. */
export const RESIDUAL_MATRIX: Record<Tier, Record<ScoreBand, ResidualRisk>> = {
  low: { strong: 'low', adequate: 'low', weak: 'moderate', poor: 'high' },
  medium: { strong: 'low', adequate: 'moderate', weak: 'high', poor: 'severe' },
  high: { strong: 'moderate', adequate: 'moderate', weak: 'high', poor: 'severe' },
  critical: { strong: 'moderate', adequate: 'high', weak: 'severe', poor: 'severe' },
};

/** A fired knockout raises the residual risk to at least this. */
const KNOCKOUT_FLOOR: Record<KnockoutSeverity, ResidualRisk> = { low: 'low', medium: 'moderate', high: 'high', critical: 'severe' };

export type LineStatus = 'scored' | 'unanswered_required' | 'not_applicable' | 'unanswered_optional' | 'hidden';

export interface ScoreLine {
  questionId: string;
  status: LineStatus;
  answer: AnswerValue | null;
  points: number | null;
  weight: number;
  /** points × weight, or null when the question is left out. */
  contribution: number | null;
}

export interface DomainScore {
  id: string;
  title: string;
  weight: number;
  /** 0..100, rounded to one decimal; null when no question of the domain counts. */
  score: number | null;
  explanation: ScoreLine[];
}

export interface FiredKnockout {
  questionId: string;
  severity: KnockoutSeverity;
  finding: string;
  answer: AnswerValue | null;
}

export interface NotApplicableAnswer {
  questionId: string;
  reason: string | null;
}

export interface ScoreResult {
  controlScore: number | null;
  band: ScoreBand | null;
  inherentTier: Tier;
  residualRisk: ResidualRisk;
  /** In words: how the residual risk was reached. */
  residualExplanation: string[];
  domains: DomainScore[];
  knockouts: FiredKnockout[];
  /** Visible questions answered N/A, with the vendor's reasons: left out of the score, never out of sight. */
  notApplicable: NotApplicableAnswer[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The band of a number answer: the first whose bounds hold it (`min` inclusive, `below` exclusive). */
export function numberBand(question: Question, value: number): ScoreBandRule | null {
  return question.scoreBands?.find((band) => (band.min === undefined || value >= band.min) && (band.below === undefined || value < band.below)) ?? null;
}

/** Points of an answer: the option's points, the capped sum of the chosen options for a multi-choice, or a number's band. */
export function answerPoints(question: Question, value: AnswerValue | null): number | null {
  if (value === null || value === undefined) return null;
  if (question.scoreBands && typeof value === 'number') return numberBand(question, value)?.points ?? 0;
  const options = question.options ?? [];
  const pointsOf = (v: unknown) => options.find((option) => option.value === v)?.points;
  if (question.type === 'multi_choice' && Array.isArray(value)) {
    return Math.min(1, value.reduce((sum, v) => sum + (pointsOf(v) ?? 0), 0));
  }
  return pointsOf(value) ?? null;
}

function scoreLine(question: Question, answer: StoredAnswer | undefined, visible: boolean): ScoreLine {
  const weight = question.weight ?? 1;
  const base = { questionId: question.id, answer: answer?.value ?? null, weight };
  if (!visible) return { ...base, status: 'hidden', points: null, contribution: null };
  if (answer?.notApplicable) return { ...base, status: 'not_applicable', points: null, contribution: null };
  const points = answerPoints(question, answer?.value ?? null);
  if (points === null) {
    return question.required
      ? { ...base, status: 'unanswered_required', points: 0, contribution: 0 }
      : { ...base, status: 'unanswered_optional', points: null, contribution: null };
  }
  return { ...base, status: 'scored', points, contribution: points * weight };
}

function domainScore(domain: TemplateDomain, lines: ScoreLine[]): DomainScore {
  const counted = lines.filter((line) => line.contribution !== null);
  const totalWeight = counted.reduce((sum, line) => sum + line.weight, 0);
  const score = totalWeight > 0 ? round1((100 * counted.reduce((sum, line) => sum + line.contribution!, 0)) / totalWeight) : null;
  return { id: domain.id, title: domain.title, weight: domain.weight, score, explanation: lines };
}

export function bandOf(score: number): ScoreBand {
  return BAND_FLOORS.find(([, floor]) => score >= floor)![0];
}

const worse = (a: ResidualRisk, b: ResidualRisk) => (RESIDUAL_RISKS.indexOf(b) > RESIDUAL_RISKS.indexOf(a) ? b : a);

export function residualRisk(tier: Tier, controlScore: number | null, knockouts: FiredKnockout[]): { risk: ResidualRisk; band: ScoreBand | null; why: string[] } {
  // With nothing scored there is no evidence of control: treat it as the poorest band.
  const band = controlScore === null ? 'poor' : bandOf(controlScore);
  let risk = RESIDUAL_MATRIX[tier][band];
  const why = [
    controlScore === null
      ? `No scored answers: the control band is taken as poor, giving ${risk} for a ${tier} tier`
      : `Control score ${controlScore} is in the ${band} band, giving ${risk} for a ${tier} tier`,
  ];
  for (const knockout of knockouts) {
    const floor = KNOCKOUT_FLOOR[knockout.severity];
    if (worse(risk, floor) !== risk) {
      risk = floor;
      why.push(`Knockout on ${knockout.questionId} (${knockout.severity}) raises it to ${floor}`);
    }
  }
  return { risk, band: controlScore === null ? null : band, why };
}

const chosenValues = (value: AnswerValue | undefined): unknown[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The question's knockout when its condition holds, and each chosen option's own knockout. */
function firedKnockouts(question: Question, effective: Answers): FiredKnockout[] {
  const answer = effective[question.id] ?? null;
  const fired: FiredKnockout[] = [];
  if (question.knockout && evaluate(question.knockout.when, effective)) {
    fired.push({ questionId: question.id, severity: question.knockout.severity, finding: question.knockout.finding, answer });
  }
  for (const option of question.options ?? []) {
    if (option.knockout && chosenValues(answer).includes(option.value)) {
      fired.push({ questionId: question.id, severity: option.knockout.severity, finding: option.knockout.finding, answer });
    }
  }
  return fired;
}

export interface ScoringInput {
  inherentTier: Tier;
  domains: TemplateDomain[];
  questions: Question[];
  answers: Readonly<Record<string, StoredAnswer>>;
  /** The intake scope (`intake.*` fields) that visibility and knockouts may read. */
  intake?: Answers;
}

export function scoreAssessment(input: ScoringInput): ScoreResult {
  const visible = visibleQuestionIds(input.questions, input.answers, input.intake);
  const effective: Record<string, AnswerValue | undefined> = { ...input.intake };
  for (const [id, answer] of Object.entries(input.answers)) if (answer && visible.has(id) && !answer.notApplicable) effective[id] = answer.value;

  const linesByDomain = new Map<string, ScoreLine[]>();
  const knockouts: FiredKnockout[] = [];
  const notApplicable: NotApplicableAnswer[] = [];
  for (const question of input.questions) {
    const answer = input.answers[question.id];
    if (answer?.notApplicable && visible.has(question.id)) notApplicable.push({ questionId: question.id, reason: answer.notApplicableReason ?? null });
    if (isScored(question) && question.domain) {
      const lines = linesByDomain.get(question.domain) ?? [];
      lines.push(scoreLine(question, answer, visible.has(question.id)));
      linesByDomain.set(question.domain, lines);
    }
    if (visible.has(question.id)) knockouts.push(...firedKnockouts(question, effective));
  }
  const domains = input.domains.map((domain) => domainScore(domain, linesByDomain.get(domain.id) ?? []));
  const scored = domains.filter((domain) => domain.score !== null && domain.weight > 0);
  const weightSum = scored.reduce((sum, domain) => sum + domain.weight, 0);
  const controlScore = weightSum > 0 ? round1(scored.reduce((sum, domain) => sum + domain.score! * domain.weight, 0) / weightSum) : null;
  const residual = residualRisk(input.inherentTier, controlScore, knockouts);
  return { controlScore, band: residual.band, inherentTier: input.inherentTier, residualRisk: residual.risk, residualExplanation: residual.why, domains, knockouts, notApplicable };
}
