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
  const base = tier === 'low' ? LITE_QUESTIONNAIRE : CORE_QUESTIONNAIRE;
  return generative ? [base, GENERATIVE_MODULE] : [base];
}
