import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { createEvidenceStorage } from '../evidence/storage/storage.provider.js';
import { loadStorageConfig, type StorageConfig } from '../evidence/storage/storage-config.js';

/** The content-addressed store of report PDFs (an EvidenceStorage). */
export const REPORT_STORAGE = Symbol('REPORT_STORAGE');

/**
 * Reports live beside the evidence, under `reports/` of the same store: one STORAGE_URL to set,
 * and a report never shares bytes with evidence, whose deletion releases unused content.
 * The evidence fan-out folders are two hex digits, so `reports` can never clash with them.
 */
export function reportStorageConfig(evidence: StorageConfig): StorageConfig {
  if (evidence.kind === 'local') return { ...evidence, root: `${evidence.root.replace(/\/+$/, '')}/reports` };
  return { ...evidence, prefix: evidence.prefix ? `${evidence.prefix}/reports` : 'reports' };
}

export const reportStorageProvider: Provider = {
  provide: REPORT_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createEvidenceStorage(reportStorageConfig(loadStorageConfig(config.dataDir))),
};
