import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ConfigError, type AppConfig } from '../config/config.js';
import { ENTITIES } from './entities.js';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL is required until the embedded database is available');
  }
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'assay' },
  };
}

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}
