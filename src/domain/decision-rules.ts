/**
 * What a decision must respect, as pure rules: a prohibited practice allows only a rejection,
 * four eyes on a critical tier or a severe residual risk, and an approval with conditions names
 * the condition (or the valid risk acceptance) that covers each finding that would block it.
 */
import type { DecisionOutcome } from './assessment-state.js';
import type { Question } from './questionnaire-template.js';
import type { FiredKnockout, ResidualRisk } from './scoring.js';
import type { Tier } from './tiering.js';

/** Article 5 (prohibited practices) and its paragraphs: `eu-ai-act:Art.5`, `eu-ai-act:Art.5(1)(f)`. */
const ARTICLE_5 = /^eu-ai-act:Art\.5(?![0-9])/;

/** The questions that ask about Article 5 practices: a knockout (on the question or an option) mapped to Article 5, whatever its id. */
export function article5QuestionIds(questions: readonly Question[]): string[] {
  const hasKnockout = (q: Question) => Boolean(q.knockout) || (q.options ?? []).some((option) => Boolean(option.knockout));
  return questions.filter((q) => hasKnockout(q) && (q.mapsTo ?? []).some((ref) => ARTICLE_5.test(ref))).map((q) => q.id);
}

export interface IntakeVerdict {
  canProceed: boolean;
  reasons: readonly { rule: string; category?: string }[];
}

export interface ProhibitedPractice {
  /** Article 5 questions whose knockout answer fired. */
  questionIds: string[];
  /** Intake rules that say the use cannot proceed. */
  ruleIds: string[];
}

export function prohibitedPractice(questions: readonly Question[], knockouts: readonly FiredKnockout[], intake: IntakeVerdict): ProhibitedPractice | null {
  const article5 = new Set(article5QuestionIds(questions));
  const questionIds = [...new Set(knockouts.filter((k) => article5.has(k.questionId)).map((k) => k.questionId))];
  const prohibitedRules = intake.reasons.filter((r) => r.category === 'prohibited').map((r) => r.rule);
  const ruleIds = intake.canProceed ? [] : prohibitedRules.length ? prohibitedRules : intake.reasons.map((r) => r.rule);
  if (!intake.canProceed && ruleIds.length === 0) ruleIds.push('intake');
  return questionIds.length || ruleIds.length ? { questionIds, ruleIds } : null;
}

export function isApproval(outcome: DecisionOutcome): boolean {
  return outcome !== 'rejected';
}

/** A second, different risk manager confirms decisions on a critical tier or a severe residual risk. */
export function fourEyesRequired(tier: Tier, residual: ResidualRisk): boolean {
  return tier === 'critical' || residual === 'severe';
}

export interface FindingToCover {
  id: string;
  title: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: string;
  source: string;
  /** An accepted finding whose acceptance is confirmed, not lapsed and not past its date. */
  validAcceptance: boolean;
}

const STANDING = ['open', 'remediation_planned', 'remediated', 'accepted'];

/** High, critical and knockout findings that still stand and no valid risk acceptance covers. */
export function blockingFindings<F extends FindingToCover>(findings: readonly F[]): F[] {
  return findings.filter((f) => STANDING.includes(f.status) && !f.validAcceptance && (f.severity === 'high' || f.severity === 'critical' || f.source === 'knockout'));
}

/** Blocking findings that no condition names. */
export function uncoveredFindings<F extends FindingToCover>(findings: readonly F[], conditions: readonly { findingIds?: readonly string[] }[]): F[] {
  const named = new Set(conditions.flatMap((c) => c.findingIds ?? []));
  return blockingFindings(findings).filter((f) => !named.has(f.id));
}
