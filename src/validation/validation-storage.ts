import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { createEvidenceStorage } from '../evidence/storage/storage.provider.js';
import { loadStorageConfig, type StorageConfig } from '../evidence/storage/storage-config.js';

/** The content-addressed store of validation samples (an EvidenceStorage). */
export const VALIDATION_STORAGE = Symbol('VALIDATION_STORAGE');

/**
 * Samples live under `validations/` of the evidence store: their own folder, so the retention
 * sweep can delete a sample without touching evidence that happens to share its bytes.
 */
export function validationStorageConfig(evidence: StorageConfig): StorageConfig {
  if (evidence.kind === 'local') return { ...evidence, root: `${evidence.root.replace(/\/+$/, '')}/validations` };
  return { ...evidence, prefix: evidence.prefix ? `${evidence.prefix}/validations` : 'validations' };
}

export const validationStorageProvider: Provider = {
  provide: VALIDATION_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createEvidenceStorage(validationStorageConfig(loadStorageConfig(config.dataDir))),
};
