import type { Provider } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkAnswerMapping, type AnswerMapping } from '../domain/answer-import.js';
import type { Question } from '../domain/questionnaire-template.js';
import { loadTemplateFiles, QUESTIONNAIRES_DIR } from '../questionnaires/questionnaire.loader.js';

export const ANSWER_MAPPINGS = Symbol('ANSWER_MAPPINGS');
export const EXCHANGE_DIR = join(QUESTIONNAIRES_DIR, 'exchange');

/** The shipped questions by id; an id may be asked by several questionnaires (lite and core). */
async function shippedQuestions(dir: string): Promise<Map<string, Question[]>> {
  const { templates } = await loadTemplateFiles(dir);
  const byId = new Map<string, Question[]>();
  for (const { template } of templates) {
    if (template.kind === 'intake') continue;
    for (const question of template.questions) byId.set(question.id, [...(byId.get(question.id) ?? []), question]);
  }
  return byId;
}

/** Reads and checks every mapping file; a bad one stops the boot with every problem listed. */
export async function loadAnswerMappings(dir = EXCHANGE_DIR, templatesDir = QUESTIONNAIRES_DIR): Promise<Map<string, AnswerMapping>> {
  const questions = await shippedQuestions(templatesDir);
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const mappings = new Map<string, AnswerMapping>();
  for (const name of names) {
    const { mapping, problems } = checkAnswerMapping(parse(await readFile(join(dir, name), 'utf8')), questions);
    if (!mapping) throw new Error(`${join(dir, name)} is not a valid answer mapping: ${problems.join('; ')}`);
    if (mappings.has(mapping.key)) throw new Error(`${join(dir, name)}: the mapping key ${mapping.key} is used twice`);
    mappings.set(mapping.key, mapping);
  }
  return mappings;
}

export const answerMappingsProvider: Provider = { provide: ANSWER_MAPPINGS, useFactory: () => loadAnswerMappings() };
