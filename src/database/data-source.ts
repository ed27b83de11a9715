import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import type { AppConfig } from '../config/config.js';
import type { PgEndpoint } from './embedded/embedded-postgres.js';
import { ENTITIES } from './entities.js';

/** A queued request waits this long for the embedded database's single connection. */
const EMBEDDED_WAIT_MS = 15_000;

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    // Every where condition is its own bracketed group: an OR in one filter can never widen another.
    isolateWhereStatements: true,
  } as const;
  if (config.databaseUrl) {
    return { ...common, url: config.databaseUrl, extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'assay' } };
  }
  // Embedded: every socket connection shares PGlite's one session, so one connection keeps each
  // transaction whole. The server sets the endpoint when it starts (useEmbeddedEndpoint); until
  // then the usual socket in DATA_DIR, so a tool run beside Assay (migrate-cli) never reaches
  // another local PostgreSQL by default.
  return {
    ...common,
    host: resolve(config.dataDir, 'run', 'db'),
    port: 5432,
    username: 'postgres',
    database: 'postgres',
    installExtensions: false,
    extra: { max: 1, connectionTimeoutMillis: EMBEDDED_WAIT_MS, application_name: 'assay' },
  };
}

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}

/** Points a not yet initialised DataSource at the embedded server. */
export function useEmbeddedEndpoint(db: DataSource, endpoint: PgEndpoint): void {
  db.setOptions({ host: endpoint.host, port: endpoint.port, username: endpoint.user, database: endpoint.database });
}
