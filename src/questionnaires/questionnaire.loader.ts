import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  compileTemplateSchema,
  contentHash,
  formatTemplateError,
  readTemplate,
  versionError,
  type SchemaCheck,
  type TemplateError,
} from '../domain/questionnaire-document.js';
import { intakeFields } from '../domain/intake-scope.js';
import type { TemplateContext } from '../domain/questionnaire-rules.js';
import { compareVersions, type QuestionnaireTemplate } from '../domain/questionnaire-template.js';

/** The shipped templates and their schema, relative to where the process starts (the app root). */
export const QUESTIONNAIRES_DIR = resolve(process.cwd(), 'questionnaires');
export const SCHEMA_FILE = 'schema.json';

export interface TemplateFile {
  file: string;
  text: string;
  template: QuestionnaireTemplate;
  contentHash: string;
}

export interface LoadedTemplates {
  templates: TemplateFile[];
  errors: TemplateError[];
}

/** Thrown when templates cannot be used; the message lists every error as file:line field: message. */
export class TemplateErrors extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(`Questionnaire templates are not valid:\n${errors.map((error) => `  ${formatTemplateError(error)}`).join('\n')}`);
  }
}

export async function loadTemplateSchema(dir = QUESTIONNAIRES_DIR): Promise<SchemaCheck> {
  return compileTemplateSchema(JSON.parse(await readFile(join(dir, SCHEMA_FILE), 'utf8')) as object);
}

/** Two files may not claim the same key and version. */
function duplicateVersions(files: TemplateFile[]): TemplateError[] {
  const seen = new Map<string, string>();
  return files.flatMap((file) => {
    const name = `${file.template.key}@${file.template.version}`;
    const first = seen.get(name);
    seen.set(name, first ?? file.file);
    return first ? [versionError(file.file, file.text, `${name} is also defined in ${first}`)] : [];
  });
}

/** The intake fields that questionnaires may read, from the newest intake form among the templates. */
export function intakeContext(templates: readonly QuestionnaireTemplate[]): TemplateContext {
  const forms = templates.filter((template) => template.kind === 'intake').sort((a, b) => compareVersions(b.version, a.version));
  return forms.length ? { intakeFields: intakeFields(forms[0]) } : {};
}

/**
 * Reads and checks every *.yaml / *.yml / *.json template of a folder (the schema excepted);
 * questionnaires are checked against the intake form of the same folder.
 */
export async function loadTemplateFiles(dir = QUESTIONNAIRES_DIR, checkSchema?: SchemaCheck): Promise<LoadedTemplates> {
  const check = checkSchema ?? (await loadTemplateSchema(dir));
  const names = (await readdir(dir)).filter((name) => /\.(ya?ml|json)$/.test(name) && name !== SCHEMA_FILE).sort();
  const texts = await Promise.all(names.map((file) => readFile(join(dir, file), 'utf8')));
  const firstPass = names.map((file, i) => readTemplate(file, texts[i], check));
  const context = intakeContext(firstPass.flatMap((result) => (result.ok ? [result.template] : [])));
  const templates: TemplateFile[] = [];
  const errors: TemplateError[] = [];
  names.forEach((file, i) => {
    const first = firstPass[i];
    const result = first.ok && first.template.kind === 'intake' ? first : readTemplate(file, texts[i], check, context);
    if (result.ok) templates.push({ file, text: texts[i], template: result.template, contentHash: contentHash(result.template) });
    else errors.push(...result.errors);
  });
  errors.push(...duplicateVersions(templates));
  return { templates, errors };
}
