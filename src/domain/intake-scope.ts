/**
 * The intake's view of an assessment's scope: the intake answers and the tiering outcome, read by
 * questionnaire conditions as `intake.<field>` (`intake.annex_iii_area`, `intake.eu_ai_act_category`),
 * so what is asked follows how the organisation uses the system, not the vendor's own classification.
 */
import type { Answers, AnswerValue } from './answer-conditions.js';
import type { Question, QuestionnaireTemplate } from './questionnaire-template.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type Tier } from './tiering.js';

export const INTAKE_PREFIX = 'intake.';

export const isIntakeField = (key: string) => key.startsWith(INTAKE_PREFIX);

export interface IntakeOutcome {
  answers: Record<string, unknown>;
  euAiActCategory: EuAiActCategory;
  inherentTier: Tier;
}

/** The tiering outcome, readable like an answer. */
const DERIVED_FIELDS: Question[] = [
  { id: 'eu_ai_act_category', text: 'EU AI Act category from the intake', type: 'single_choice', required: true, options: EU_AI_ACT_CATEGORIES.map((value) => ({ value, label: value })) },
  { id: 'inherent_tier', text: 'Inherent tier from the intake', type: 'single_choice', required: true, options: TIERS.map((value) => ({ value, label: value })) },
];

/** The `intake.*` answers of one intake, as conditions read them. */
export function intakeScope(intake: IntakeOutcome): Answers {
  const scope: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(intake.answers)) scope[`${INTAKE_PREFIX}${id}`] = value as AnswerValue;
  scope[`${INTAKE_PREFIX}eu_ai_act_category`] = intake.euAiActCategory;
  scope[`${INTAKE_PREFIX}inherent_tier`] = intake.inherentTier;
  return scope;
}

/** The fields a questionnaire may refer to as `intake.*`, with the values each can take. */
export function intakeFields(intakeForm: Pick<QuestionnaireTemplate, 'questions'>): Map<string, Question> {
  const fields = [...intakeForm.questions, ...DERIVED_FIELDS].map((question) => ({ ...question, id: `${INTAKE_PREFIX}${question.id}` }));
  return new Map(fields.map((field) => [field.id, field]));
}
