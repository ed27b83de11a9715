/**
 * The vendor's question list is the hottest read of the product: the static part of each question
 * (text, options, evidence request) is serialised once per frozen questionnaire set and reused,
 * and only the answer, evidence links and editability are written per request.
 */
import type { AnswerValue } from '../domain/answer-conditions.js';
import { notApplicableAllowed, type Question } from '../domain/questionnaire-template.js';

export interface SheetAnswer {
  questionId: string;
  value: AnswerValue;
  comment: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
  suggested: boolean;
  answeredAt: string;
}

const fragments = new WeakMap<Question, string>();

/** `{"id":…,"text":…,…` without the closing brace: never weights, points or knockouts. */
function staticPart(question: Question, domainTitles: ReadonlyMap<string, string>): string {
  let fragment = fragments.get(question);
  if (fragment === undefined) {
    const domain = question.domain ?? '';
    const json = JSON.stringify({
      id: question.id,
      domain,
      domainTitle: domainTitles.get(domain) ?? domain,
      type: question.type,
      text: question.text,
      ...(question.help ? { help: question.help } : {}),
      ...(question.options ? { options: question.options.map(({ value, label, exclusive }) => ({ value, label, ...(exclusive ? { exclusive } : {}) })) } : {}),
      ...(question.minimum !== undefined ? { minimum: question.minimum } : {}),
      ...(question.maximum !== undefined ? { maximum: question.maximum } : {}),
      required: question.required,
      naAllowed: notApplicableAllowed(question),
      ...(question.evidence ? { evidence: question.evidence } : {}),
    });
    fragment = json.slice(0, -1);
    fragments.set(question, fragment);
  }
  return fragment;
}

function answerPart(answer: SheetAnswer): string {
  return JSON.stringify({
    value: answer.value,
    comment: answer.comment,
    notApplicable: answer.notApplicable,
    notApplicableReason: answer.notApplicableReason,
    suggested: answer.suggested,
    answeredAt: answer.answeredAt,
  });
}

/** The `{items: [...]}` body of GET /assessments/{id}/questions, as JSON text. */
export function questionSheet(
  questions: Question[],
  answers: Map<string, SheetAnswer>,
  evidenceByQuestion: Map<string, string[]>,
  editable: (questionId: string) => boolean,
  domainTitles: ReadonlyMap<string, string>,
): string {
  const items = questions.map((question) => {
    const answer = answers.get(question.id);
    return `${staticPart(question, domainTitles)},"editable":${editable(question.id)},"evidenceIds":${JSON.stringify(evidenceByQuestion.get(question.id) ?? [])}${answer ? `,"answer":${answerPart(answer)}` : ''}}`;
  });
  return `{"items":[${items.join(',')}]}`;
}
