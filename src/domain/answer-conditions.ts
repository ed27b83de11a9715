/**
 * The small condition language on answers, shared by question visibility (`visibleWhen`),
 * knockouts and intake tiering rules:
 *
 *   { equals: { DATA-03: "yes" } }        the answer is exactly this value
 *   { in: { DATA-03: ["a", "b"] } }       the answer is one of these (for a multi-choice answer: any of them is chosen)
 *   { not: <condition> }                  the condition does not hold
 *   { all: [<condition>, ...] }           every condition holds
 *   { any: [<condition>, ...] }           at least one holds
 *
 * An unanswered question never equals anything, and is never `in` anything.
 */
export type AnswerValue = string | number | boolean | string[] | null;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

export type Condition =
  | { equals: Record<string, string | number | boolean> }
  | { in: Record<string, (string | number | boolean)[]> }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] };

function matches(answer: AnswerValue | undefined, expected: string | number | boolean): boolean {
  if (answer === undefined || answer === null) return false;
  if (Array.isArray(answer)) return answer.includes(String(expected));
  return answer === expected;
}

function onlyEntry<T>(record: Record<string, T>): [string, T] {
  const entries = Object.entries(record);
  if (entries.length !== 1) throw new Error(`A condition names exactly one question, got ${entries.length}`);
  return entries[0];
}

export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('equals' in condition) {
    const [question, value] = onlyEntry(condition.equals);
    return matches(answers[question], value);
  }
  if ('in' in condition) {
    const [question, values] = onlyEntry(condition.in);
    return values.some((value) => matches(answers[question], value));
  }
  if ('not' in condition) return !evaluate(condition.not, answers);
  if ('all' in condition) return condition.all.every((part) => evaluate(part, answers));
  return condition.any.some((part) => evaluate(part, answers));
}

export interface ConditionReference {
  question: string;
  values: (string | number | boolean)[];
}

/** Every question a condition reads, with the values it compares against (for validation). */
export function references(condition: Condition): ConditionReference[] {
  if ('equals' in condition) {
    const [question, value] = onlyEntry(condition.equals);
    return [{ question, values: [value] }];
  }
  if ('in' in condition) {
    const [question, values] = onlyEntry(condition.in);
    return [{ question, values }];
  }
  if ('not' in condition) return references(condition.not);
  return ('all' in condition ? condition.all : condition.any).flatMap(references);
}

/** Words a risk manager can read: `decision_impact is solely_automated and ...`. */
export function describe(condition: Condition): string {
  if ('equals' in condition) {
    const [question, value] = onlyEntry(condition.equals);
    return `${question} is ${String(value)}`;
  }
  if ('in' in condition) {
    const [question, values] = onlyEntry(condition.in);
    return `${question} is one of ${values.map(String).join(', ')}`;
  }
  if ('not' in condition) return `not (${describe(condition.not)})`;
  const parts = ('all' in condition ? condition.all : condition.any).map(describe);
  return parts.join('all' in condition ? ' and ' : ' or ');
}
