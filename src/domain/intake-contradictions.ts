/**
 * Answers that contradict the intake: the template marks an option with `contradictsIntake` (a
 * condition on `intake.*` fields), e.g. OVER-01 "always reviewed by a person" while the intake
 * says decisions are solely automated. Each one opens a draft finding for the reviewer to settle.
 */
import { evaluate, type Answers, type AnswerValue } from './answer-conditions.js';
import type { KnockoutSeverity, Question } from './questionnaire-template.js';

export interface IntakeContradiction {
  questionId: string;
  answer: AnswerValue;
  severity: KnockoutSeverity;
  finding: string;
}

const chosen = (value: AnswerValue | undefined): unknown[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function intakeContradictions(
  questions: readonly Question[],
  answers: Readonly<Record<string, { value: AnswerValue; notApplicable: boolean }>>,
  visible: ReadonlySet<string>,
  intake: Answers,
): IntakeContradiction[] {
  return questions.flatMap((question) => {
    const answer = answers[question.id];
    if (!answer || answer.notApplicable || !visible.has(question.id)) return [];
    return (question.options ?? [])
      .filter((option) => option.contradictsIntake && chosen(answer.value).includes(option.value) && evaluate(option.contradictsIntake.when, intake))
      .map((option) => ({ questionId: question.id, answer: answer.value, severity: option.contradictsIntake!.severity ?? 'high', finding: option.contradictsIntake!.finding }));
  });
}
