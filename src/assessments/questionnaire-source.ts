import type { QuestionnaireTemplate } from '../domain/questionnaire-template.js';

export interface StoredQuestionnaire {
  key: string;
  version: string;
  contentHash: string;
  template: QuestionnaireTemplate;
}

/** Where assessments find immutable questionnaire versions (implemented by the questionnaire registry). */
export abstract class QuestionnaireSource {
  abstract latest(key: string): Promise<StoredQuestionnaire | null>;
  abstract find(key: string, version: string): Promise<StoredQuestionnaire | null>;
}
