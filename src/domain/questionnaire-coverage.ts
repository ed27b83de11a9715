/**
 * Framework coverage: for each framework, which of its identifiers a template's questions answer
 * for, and whether the identifiers every shipped questionnaire set must cover are still covered.
 */
import { covers, FRAMEWORKS, splitReference } from './questionnaire-frameworks.js';
import type { QuestionnaireTemplate } from './questionnaire-template.js';

/** What the shipped questionnaires together must map: the baseline a bank's risk team expects. */
export const REQUIRED_COVERAGE = [
  'nist-ai-rmf:GOVERN-6.1',
  'nist-ai-rmf:GOVERN-6.2',
  'nist-ai-rmf:MAP-4.1',
  'nist-ai-rmf:MAP-4.2',
  'nist-ai-rmf:MANAGE-3.1',
  'nist-ai-rmf:MANAGE-3.2',
  'nist-ai-rmf:MANAGE-4.1',
  'nist-ai-rmf:MEASURE-2.11',
  'eu-ai-act:Art.13',
  'eu-ai-act:Art.14',
  'eu-ai-act:Art.15',
  'eu-ai-act:Art.25',
  'eu-ai-act:Art.26',
  'eu-ai-act:Art.50',
  'iso-42001:A.10.2',
  'iso-42001:A.10.3',
  'iso-42001:A.10.4',
  'owasp-llm-2025:LLM01',
  'owasp-llm-2025:LLM02',
  'owasp-llm-2025:LLM03',
  'owasp-llm-2025:LLM04',
  'owasp-llm-2025:LLM05',
  'owasp-llm-2025:LLM06',
  'owasp-llm-2025:LLM07',
  'owasp-llm-2025:LLM08',
  'owasp-llm-2025:LLM09',
  'owasp-llm-2025:LLM10',
  'gdpr:Art.28',
  'dora:Art.30',
] as const;

export interface CoveredId {
  id: string;
  questions: string[];
}

export interface FrameworkCoverage {
  framework: string;
  title: string;
  ids: CoveredId[];
}

export interface RequiredCoverage {
  reference: string;
  /** The questions whose mapping covers it (a mapping to Art.26(5) covers Art.26). */
  questions: string[];
}

export interface Coverage {
  frameworks: FrameworkCoverage[];
  required: RequiredCoverage[];
}

const byNatural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

interface LabelledQuestion {
  label: string;
  mapsTo: string[];
}

/** Question ids; across several templates, `key/ID`, since ids are unique only within a template. */
function labelled(templates: readonly QuestionnaireTemplate[]): LabelledQuestion[] {
  return templates.flatMap((template) =>
    template.questions.map((question) => ({
      label: templates.length > 1 ? `${template.key}/${question.id}` : question.id,
      mapsTo: question.mapsTo ?? [],
    })),
  );
}

/** Which mapped ids each question of the templates answers for, per framework, in a stable order. */
export function frameworkCoverage(templates: readonly QuestionnaireTemplate[]): FrameworkCoverage[] {
  const found = new Map<string, Map<string, Set<string>>>();
  for (const question of labelled(templates)) {
    for (const reference of question.mapsTo) {
      const { framework, id } = splitReference(reference);
      const ids = found.get(framework) ?? new Map<string, Set<string>>();
      ids.set(id, (ids.get(id) ?? new Set()).add(question.label));
      found.set(framework, ids);
    }
  }
  return FRAMEWORKS.filter((framework) => found.has(framework.prefix)).map((framework) => ({
    framework: framework.prefix,
    title: framework.title,
    ids: [...found.get(framework.prefix)!]
      .sort(([a], [b]) => byNatural(a, b))
      .map(([id, questions]) => ({ id, questions: [...questions].sort(byNatural) })),
  }));
}

/** For each wanted reference, the questions that cover it; an empty list is a gap. */
export function requiredCoverage(templates: readonly QuestionnaireTemplate[], wanted: readonly string[] = REQUIRED_COVERAGE): RequiredCoverage[] {
  const questions = labelled(templates);
  return wanted.map((reference) => ({
    reference,
    questions: questions.filter((question) => question.mapsTo.some((mapped) => covers(mapped, reference))).map((question) => question.label).sort(byNatural),
  }));
}

export function coverage(templates: readonly QuestionnaireTemplate[]): Coverage {
  return { frameworks: frameworkCoverage(templates), required: requiredCoverage(templates) };
}

export function uncovered(templates: readonly QuestionnaireTemplate[], wanted: readonly string[] = REQUIRED_COVERAGE): string[] {
  return requiredCoverage(templates, wanted)
    .filter((entry) => entry.questions.length === 0)
    .map((entry) => entry.reference);
}
