import type { EntityManager } from 'typeorm';
import type { QuestionnaireTemplate } from '../domain/questionnaire-template.js';

export interface StoredQuestionnaire {
  key: string;
  version: string;
  contentHash: string;
  template: QuestionnaireTemplate;
}

/** Where assessments find immutable questionnaire versions (implemented by the questionnaire registry). */
export abstract class QuestionnaireSource {
  /** Inside a transaction, pass its manager: the read must not need a second connection. */
  abstract latest(key: string, manager?: EntityManager): Promise<StoredQuestionnaire | null>;
  abstract find(key: string, version: string, manager?: EntityManager): Promise<StoredQuestionnaire | null>;
}
