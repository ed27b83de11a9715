/**
 * Inherent-risk tiering: intake answers in, tier + EU AI Act category + reasons out. The rules are
 * data (questionnaires/intake.yaml); this file only applies them, so "why is this high?" is
 * answered by the list of rules that fired.
 */
import { describe, evaluate, type Answers, type Condition } from './answer-conditions.js';

export const TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type Tier = (typeof TIERS)[number];

/** Strongest first: a category only ever moves up this list. */
export const EU_AI_ACT_CATEGORIES = ['minimal_risk', 'limited_risk', 'high_risk', 'prohibited'] as const;
export type EuAiActCategory = (typeof EU_AI_ACT_CATEGORIES)[number];

export interface TieringRule {
  id: string;
  when: Condition;
  atLeast?: Tier;
  category?: EuAiActCategory;
  cannotProceed?: boolean;
  /** The provision a stopping rule applies, e.g. `eu-ai-act:Art.5(1)(f)`. */
  legalReference?: string;
  reason: string;
}

/** Answers that cannot go together: the intake is refused with the message, naming the field. */
export interface IntakeRefusal {
  id: string;
  when: Condition;
  field: string;
  message: string;
}

export interface TieringRules {
  baseTier: Tier;
  baseCategory: EuAiActCategory;
  refuse?: IntakeRefusal[];
  rules: TieringRule[];
}

export interface FiredRule {
  rule: string;
  reason: string;
  condition: string;
  raisesTierTo?: Tier;
  category?: EuAiActCategory;
  cannotProceed?: boolean;
  legalReference?: string;
}

export interface TieringResult {
  inherentTier: Tier;
  euAiActCategory: EuAiActCategory;
  canProceed: boolean;
  reasons: FiredRule[];
}

const rank = <T extends string>(order: readonly T[], value: T) => order.indexOf(value);
const stronger = <T extends string>(order: readonly T[], a: T, b: T): T => (rank(order, b) > rank(order, a) ? b : a);

export function inherentTier(tiering: TieringRules, answers: Answers): TieringResult {
  let tier = tiering.baseTier;
  let category = tiering.baseCategory;
  let canProceed = true;
  const reasons: FiredRule[] = [];
  for (const rule of tiering.rules) {
    if (!evaluate(rule.when, answers)) continue;
    if (rule.atLeast) tier = stronger(TIERS, tier, rule.atLeast);
    if (rule.category) category = stronger(EU_AI_ACT_CATEGORIES, category, rule.category);
    if (rule.cannotProceed) canProceed = false;
    reasons.push({
      rule: rule.id,
      reason: rule.reason,
      condition: describe(rule.when),
      ...(rule.atLeast ? { raisesTierTo: rule.atLeast } : {}),
      ...(rule.category ? { category: rule.category } : {}),
      ...(rule.cannotProceed ? { cannotProceed: true } : {}),
      ...(rule.legalReference ? { legalReference: rule.legalReference } : {}),
    });
  }
  return { inherentTier: tier, euAiActCategory: category, canProceed, reasons };
}

/** Whether a fired rule stops the intake (older intakes stored no flag: a prohibited category stops). */
export const stopsIntake = (reason: FiredRule) => reason.cannotProceed === true || reason.category === 'prohibited';

/**
 * The outcome once a risk manager has ruled some stopping rules out (an Article 5 practice found not
 * to apply, or within its exception): those rules no longer raise the tier or the category.
 */
export function afterRulings(base: { baseTier: Tier; baseCategory: EuAiActCategory }, reasons: FiredRule[], ruledOut: ReadonlySet<string>): TieringResult {
  let tier = base.baseTier;
  let category = base.baseCategory;
  let canProceed = true;
  for (const reason of reasons) {
    if (ruledOut.has(reason.rule)) continue;
    if (reason.raisesTierTo) tier = stronger(TIERS, tier, reason.raisesTierTo);
    if (reason.category) category = stronger(EU_AI_ACT_CATEGORIES, category, reason.category);
    if (stopsIntake(reason)) canProceed = false;
  }
  return { inherentTier: tier, euAiActCategory: category, canProceed, reasons };
}
