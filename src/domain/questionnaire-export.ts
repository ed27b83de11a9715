/**
 * Templates written back out. JSON is canonical (sorted keys, two-space indent), so the same
 * content always gives the same bytes; YAML follows the order a person writes a template in.
 */
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import { sortKeys } from './canonical-json.js';
import type { Question, QuestionnaireTemplate } from './questionnaire-template.js';

export const EXPORT_FORMATS = ['json', 'yaml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const TEMPLATE_ORDER = ['kind', 'key', 'version', 'title', 'description', 'appliesTo', 'domains', 'questions', 'tiering'];
const QUESTION_ORDER = ['id', 'domain', 'text', 'help', 'type', 'required', 'options', 'visibleWhen', 'evidence', 'weight', 'knockout', 'mapsTo'];
const NESTED_ORDER: Record<string, string[]> = {
  appliesTo: ['tiers', 'modelTypes'],
  domains: ['id', 'title', 'description', 'weight'],
  options: ['value', 'label', 'points'],
  evidence: ['expected', 'required', 'maxAgeMonths'],
  knockout: ['when', 'severity', 'finding'],
};

/** Known fields in `order`; anything else (conditions, tiering rules) with sorted keys. */
function ordered(value: Record<string, unknown>, order: string[], nested: (key: string, item: unknown) => unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of [...order, ...Object.keys(value).filter((key) => !order.includes(key)).sort()]) {
    if (value[key] !== undefined) result[key] = nested(key, value[key]);
  }
  return result;
}

function orderNested(key: string, item: unknown): unknown {
  const order = NESTED_ORDER[key];
  if (!order) return sortKeys(item);
  const orderOne = (one: unknown) => ordered(one as Record<string, unknown>, order, (inner, value) => orderNested(inner, value));
  return Array.isArray(item) ? item.map(orderOne) : orderOne(item);
}

export function orderedTemplate(template: QuestionnaireTemplate): Record<string, unknown> {
  return ordered(template as unknown as Record<string, unknown>, TEMPLATE_ORDER, (key, value) =>
    key === 'questions' ? (value as Question[]).map((question) => ordered(question as unknown as Record<string, unknown>, QUESTION_ORDER, orderNested)) : orderNested(key, value),
  );
}

export function templateJson(template: QuestionnaireTemplate): string {
  return `${JSON.stringify(sortKeys(template), null, 2)}\n`;
}

/** Short structures (options, conditions, references) on one line each, as people write them. */
function compactShortStructures(doc: Document): void {
  const questions = doc.get('questions');
  if (!isSeq(questions)) return;
  for (const question of questions.items) {
    if (!isMap(question)) continue;
    const options = question.get('options');
    if (isSeq(options)) for (const option of options.items) (option as YAMLMap).flow = true;
    for (const key of ['visibleWhen', 'mapsTo']) {
      const node = question.get(key);
      if (isMap(node) || isSeq(node)) node.flow = true;
    }
    const knockout = question.get('knockout');
    const when = isMap(knockout) ? knockout.get('when') : undefined;
    if (isMap(when)) when.flow = true;
  }
}

export function templateYaml(template: QuestionnaireTemplate): string {
  // YAML 1.1 rules for writing only: words such as yes and no come out quoted, so older parsers read them as text too.
  const doc = new Document(orderedTemplate(template), { version: '1.1' });
  compactShortStructures(doc);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export function exportTemplate(template: QuestionnaireTemplate, format: ExportFormat): string {
  return format === 'json' ? templateJson(template) : templateYaml(template);
}
