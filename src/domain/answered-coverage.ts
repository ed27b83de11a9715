/**
 * Framework coverage of one assessment: for each framework its questions map to (`mapsTo`), which
 * identifiers the vendor's answers speak to, and by which question ids. A template's coverage
 * (questionnaire-coverage.ts) says what could be covered; this says what was.
 */
import { FRAMEWORKS, splitReference } from './questionnaire-frameworks.js';
import type { Question } from './questionnaire-template.js';

export interface AnsweredReference {
  id: string;
  /** Question ids with an answer that map to it. */
  answered: string[];
  /** Question ids answered N/A that map to it: answered, but saying nothing about the control. */
  answeredNotApplicable: string[];
  /** Mapped question ids left unanswered. */
  open: string[];
}

export interface AnsweredFramework {
  framework: string;
  title: string;
  references: AnsweredReference[];
  /** Distinct answered question ids mapping to the framework. */
  answeredQuestions: string[];
  mappedQuestions: number;
}

// One collator for every comparison: localeCompare with options builds one per call.
const byNatural = new Intl.Collator('en', { numeric: true }).compare;

function titleOf(prefix: string): string {
  return FRAMEWORKS.find((framework) => framework.prefix === prefix)?.title ?? prefix;
}

/** Known frameworks in their fixed order, then any other prefix alphabetically. */
function frameworkOrder(a: string, b: string): number {
  const rank = (prefix: string) => {
    const index = FRAMEWORKS.findIndex((framework) => framework.prefix === prefix);
    return index < 0 ? FRAMEWORKS.length : index;
  };
  return rank(a) - rank(b) || byNatural(a, b);
}

export function answeredCoverage(
  questions: readonly Pick<Question, 'id' | 'mapsTo'>[],
  answered: ReadonlySet<string>,
  notApplicable: ReadonlySet<string> = new Set(),
): AnsweredFramework[] {
  const found = new Map<string, Map<string, Set<string>>>();
  for (const question of questions) {
    for (const reference of question.mapsTo ?? []) {
      const { framework, id } = splitReference(reference);
      const ids = found.get(framework) ?? new Map<string, Set<string>>();
      ids.set(id, (ids.get(id) ?? new Set()).add(question.id));
      found.set(framework, ids);
    }
  }
  return [...found.keys()].sort(frameworkOrder).map((framework) => {
    const ids = found.get(framework)!;
    const references = [...ids.keys()].sort(byNatural).map((id) => {
      const mapped = [...ids.get(id)!].sort(byNatural);
      const answeredNotApplicable = mapped.filter((q) => !answered.has(q) && notApplicable.has(q));
      return { id, answered: mapped.filter((q) => answered.has(q)), answeredNotApplicable, open: mapped.filter((q) => !answered.has(q) && !notApplicable.has(q)) };
    });
    const mapped = new Set(references.flatMap((reference) => [...reference.answered, ...reference.answeredNotApplicable, ...reference.open]));
    const answeredQuestions = [...new Set(references.flatMap((reference) => reference.answered))].sort(byNatural);
    return { framework, title: titleOf(framework), references, answeredQuestions, mappedQuestions: mapped.size };
  });
}
