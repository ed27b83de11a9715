/**
 * Which questionnaires an assessment sends when procurement does not choose: the lite set for a
 * low inherent tier, the core due diligence otherwise, plus the generative module for systems
 * that generate content.
 */
import type { Tier } from './tiering.js';

export const CORE_QUESTIONNAIRE = 'ai-due-diligence-core';
export const LITE_QUESTIONNAIRE = 'ai-due-diligence-lite';
export const GENERATIVE_MODULE = 'ai-due-diligence-generative';

export function chooseQuestionnaires(tier: Tier, generative: boolean): string[] {
  const base = minimumQuestionnaire(tier);
  return generative ? [base, GENERATIVE_MODULE] : [base];
}

/** The questionnaire an assessment at this tier must include: a lighter set leaves controls unasked. */
export function minimumQuestionnaire(tier: Tier): string {
  return tier === 'low' ? LITE_QUESTIONNAIRE : CORE_QUESTIONNAIRE;
}

/** Whether chosen questionnaires leave out the generative module for a system that generates content: a risk manager's call, with a reason. */
export function withoutGenerativeModule(generative: boolean, keys: readonly string[]): boolean {
  return generative && !keys.includes(GENERATIVE_MODULE);
}

/** Whether chosen questionnaires fall short of the tier: only a risk manager, with a reason, may do that. */
export function belowTier(tier: Tier, keys: readonly string[]): boolean {
  const minimum = minimumQuestionnaire(tier);
  // The core set covers what the lite set asks, so it never falls short of a low tier.
  return !keys.includes(minimum) && !(minimum === LITE_QUESTIONNAIRE && keys.includes(CORE_QUESTIONNAIRE));
}
