import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Question, TemplateDomain } from '../domain/questionnaire-template.js';
import type { FrozenQuestionnaire } from './assessment.entity.js';
import { QuestionnaireSource } from './questionnaire-source.js';

export interface AssessmentQuestions {
  domains: (TemplateDomain & { questionnaire: string })[];
  questions: (Question & { questionnaire: string })[];
  byId: Map<string, Question & { questionnaire: string }>;
}

/**
 * The questions of an assessment, from the questionnaire versions it was frozen on. Versions are
 * immutable, so a merged set is cached by their content hashes.
 */
@Injectable()
export class FrozenQuestions {
  private readonly cache = new Map<string, AssessmentQuestions>();

  constructor(private readonly source: QuestionnaireSource) {}

  /** `manager`: the caller's transaction, when there is one. */
  async of(frozen: FrozenQuestionnaire[], manager?: EntityManager): Promise<AssessmentQuestions> {
    const cacheKey = frozen.map((q) => q.contentHash).join('+');
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const templates = await Promise.all(
      frozen.map(async (ref) => {
        const stored = await this.source.find(ref.key, ref.version, manager);
        if (!stored || stored.contentHash !== ref.contentHash) throw new Error(`Questionnaire ${ref.key}@${ref.version} is missing or changed`);
        return stored.template;
      }),
    );
    const merged: AssessmentQuestions = {
      domains: templates.flatMap((t) => (t.domains ?? []).map((d) => ({ ...d, questionnaire: t.key }))),
      questions: templates.flatMap((t) => t.questions.map((q) => ({ ...q, questionnaire: t.key }))),
      byId: new Map(),
    };
    for (const question of merged.questions) merged.byId.set(question.id, question);
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(cacheKey, merged);
    return merged;
  }
}

/** Question ids that two of the chosen questionnaires both use: they cannot be sent together. */
export function clashingQuestionIds(templates: { questions: Question[] }[]): string[] {
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const question of templates.flatMap((t) => t.questions)) {
    if (seen.has(question.id)) clashes.add(question.id);
    seen.add(question.id);
  }
  return [...clashes];
}
