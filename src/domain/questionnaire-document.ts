/**
 * From template text (YAML or JSON) to a checked template, or to errors that name the file, the
 * line and the field. JSON is read with the YAML parser too (YAML 1.2 contains JSON), so both
 * formats get line numbers.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { createHash } from 'node:crypto';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { canonicalJson } from './canonical-json.js';
import { templateIssues, type TemplateContext, type TemplatePath } from './questionnaire-rules.js';
import type { QuestionnaireTemplate } from './questionnaire-template.js';

export interface TemplateError {
  /** The file name; `import.yaml` or `import.json` for a template sent to the API. */
  file: string;
  line: number;
  field: string;
  message: string;
}

export type ReadResult = { ok: true; template: QuestionnaireTemplate } | { ok: false; errors: TemplateError[] };

interface Issue {
  path: TemplatePath;
  message: string;
  /** Point at the key rather than its value (for fields that should not be there). */
  atKey?: boolean;
}

/** Anchors and aliases are welcome for repeated option lists, but not as an expansion bomb. */
const ALIAS_LIMIT = 1000;

export type SchemaCheck = (value: unknown) => ErrorObject[];

/** Compiles questionnaires/schema.json once; the result checks any number of templates. */
export function compileTemplateSchema(schema: object): SchemaCheck {
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false }).compile(schema);
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}

/** SHA-256 of the canonical JSON: formatting, comments and key order never make a new version. */
export function contentHash(template: QuestionnaireTemplate): string {
  return createHash('sha256').update(canonicalJson(template)).digest('hex');
}

export type VersionStatus = 'new' | 'unchanged' | 'changed_without_new_version';

/** A stored version is immutable: the same key and version must always carry the same content. */
export function versionStatus(storedHash: string | null, template: QuestionnaireTemplate): VersionStatus {
  if (storedHash === null) return 'new';
  return storedHash === contentHash(template) ? 'unchanged' : 'changed_without_new_version';
}

export function fieldName(path: TemplatePath): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

export function formatTemplateError(error: TemplateError): string {
  return `${error.file}:${error.line} ${error.field || '(template)'}: ${error.message}`;
}

function keyOf(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/** The line of the node at `path`, or of its nearest existing ancestor. */
export function lineOf(doc: Document, lines: LineCounter, path: TemplatePath, atKey = false): number {
  let node: unknown = doc.contents;
  let found: Node | null = isAlias(node) ? null : (node as Node | null);
  for (const [i, part] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyOf(item.key) === part);
      if (!pair) break;
      const last = i === path.length - 1;
      node = (last && atKey) || pair.value === null ? pair.key : pair.value;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part];
    } else break;
    if (isAlias(node)) node = node.resolve(doc);
    if (node && (node as Node).range) found = node as Node;
  }
  return found?.range ? lines.linePos(found.range[0]).line : 1;
}

function pathOf(pointer: string): TemplatePath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

function describeNotAllowed(value: Record<string, unknown>, path: TemplatePath): string {
  const field = path[path.length - 1];
  const questions = value.questions as { type?: string }[] | undefined;
  if (path[0] === 'questions' && path.length === 3 && typeof path[1] === 'number') {
    return `${String(field)} is not allowed on a ${questions?.[path[1]]?.type ?? ''} question`;
  }
  return `${String(field)} is not allowed in ${value.kind === 'intake' ? 'the intake' : 'a questionnaire'}`;
}

/** A stray field is often a comma inside an unquoted flow-style value: the message shows it. */
function unknownField(path: TemplatePath, field: string): Issue {
  return { path: [...path, field], message: `"${field}" is not a known field here (quote values that contain commas or colons)`, atKey: true };
}

function schemaIssue(error: ErrorObject, value: Record<string, unknown>): Issue | null {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return null; // the failing branch reports its own errors
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'is required' };
    case 'additionalProperties':
      return unknownField(path, String(params.additionalProperty));
    case 'unevaluatedProperties':
      return unknownField(path, String(params.unevaluatedProperty));
    case 'false schema':
      return { path, message: describeNotAllowed(value, path), atKey: true };
    case 'enum':
      return { path, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, message: error.message ?? `breaks the ${error.keyword} rule` };
  }
}

/** Adds the question's id to a message about one of its fields, so it reads on its own. */
function withQuestionId(issue: Issue, value: Record<string, unknown>): Issue {
  const [first, index] = issue.path;
  if (first !== 'questions' || typeof index !== 'number' || issue.path.length < 3) return issue;
  const id = (value.questions as { id?: unknown }[] | undefined)?.[index]?.id;
  return typeof id === 'string' && !issue.message.startsWith(`${id}:`) ? { ...issue, message: `${id}: ${issue.message}` } : issue;
}

function normalise(value: Record<string, unknown>): QuestionnaireTemplate {
  const template = { ...value, kind: value.kind ?? 'questionnaire' } as QuestionnaireTemplate;
  template.questions = template.questions.map((question) => ({ ...question, required: question.required ?? false }));
  return template;
}

function toErrors(file: string, doc: Document, lines: LineCounter, issues: Issue[]): TemplateError[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const error = { file, line: lineOf(doc, lines, issue.path, issue.atKey), field: fieldName(issue.path), message: issue.message };
    const signature = `${error.field}\n${error.message}`;
    if (seen.has(signature)) return [];
    seen.add(signature);
    return [error];
  });
}

/** Reads one template: syntax, then the JSON Schema, then the rules of questionnaire-rules.ts. */
export function readTemplate(file: string, text: string, checkSchema: SchemaCheck, context: TemplateContext = {}): ReadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    // The first syntax error is the one to fix; the ones after it mostly follow from it.
    const [error] = doc.errors;
    const message = `not valid YAML or JSON: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    return { ok: false, errors: [{ file, line: lines.linePos(error.pos[0]).line, field: '', message }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: ALIAS_LIMIT });
  } catch (error) {
    return { ok: false, errors: [{ file, line: 1, field: '', message: `not a usable template: ${(error as Error).message}` }] };
  }
  const schemaErrors = checkSchema(value);
  const record = (value ?? {}) as Record<string, unknown>;
  if (schemaErrors.length) {
    const issues = schemaErrors.flatMap((error) => schemaIssue(error, record) ?? []).map((issue) => withQuestionId(issue, record));
    return { ok: false, errors: toErrors(file, doc, lines, issues) };
  }
  const template = normalise(record);
  const issues = templateIssues(template, context);
  return issues.length ? { ok: false, errors: toErrors(file, doc, lines, issues) } : { ok: true, template };
}

/** The line and field of a template's version, for errors about the version as a whole. */
export function versionError(file: string, text: string, message: string): TemplateError {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return { file, line: lineOf(doc, lines, ['version']), field: 'version', message };
}
