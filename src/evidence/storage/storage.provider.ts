import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { EvidenceStorage } from './evidence-storage.js';
import { LocalEvidenceStorage } from './local-storage.js';
import { S3EvidenceStorage } from './s3-storage.js';
import { loadStorageConfig, type StorageConfig } from './storage-config.js';

export function createEvidenceStorage(config: StorageConfig): EvidenceStorage {
  return config.kind === 's3' ? new S3EvidenceStorage(config) : new LocalEvidenceStorage(config.root);
}

/** The store chosen by STORAGE_URL; a bad value stops the boot with a line naming the variable. */
export const evidenceStorageProvider: Provider = {
  provide: EvidenceStorage,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createEvidenceStorage(loadStorageConfig(config.dataDir)),
};
