import type { ConnectionOptions, PostgresPoolConfig } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import type { QueueDatabase } from '../database/database-connection.js';

/**
 * How the queues reach their backend: Redis when REDIS_URL is set, otherwise BullMQ's PostgreSQL
 * backend, in the application's database (schema `bullmq`) or in the embedded queue database.
 */
export type QueueConnections =
  | {
      kind: 'redis';
      /** For adding jobs from the outbox relay, which bounds each enqueue with a timeout. */
      producer: ConnectionOptions;
      /** For workers: blocking reads retry forever, as BullMQ requires. */
      worker: ConnectionOptions;
      prefix: string;
    }
  | {
      kind: 'postgres';
      /** Shared by every producer queue; fails fast when the database is away. */
      producer: PostgresPoolConfig;
      worker: PostgresPoolConfig;
    };

function redisOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  const db = url.pathname.replace('/', '');
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: db ? Number(db) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

function postgresConnections(database: QueueDatabase): QueueConnections {
  const base: PostgresPoolConfig =
    'url' in database
      ? { connectionString: database.url, migrate: true }
      : // PGlite ignores the search_path given at connection, so BullMQ's tables go in its `public`.
        { ...database.endpoint, schema: 'public', migrate: true };
  return {
    kind: 'postgres',
    producer: { ...base, max: 2, connectionTimeoutMillis: 2000 },
    worker: { ...base, max: 4, connectionTimeoutMillis: 10_000 },
  };
}

export function queueConnections(config: AppConfig, database?: QueueDatabase): QueueConnections {
  if (!config.redisUrl) {
    if (!database) throw new Error('The queue database is not started yet');
    return postgresConnections(database);
  }
  const base = redisOptions(config.redisUrl);
  return {
    kind: 'redis',
    // BullMQ opens its own connections from these options; an offline queue lets them connect
    // lazily, and the enqueue timeout still fails fast while Redis is away.
    producer: { ...base, maxRetriesPerRequest: 1, connectTimeout: 2000 },
    worker: { ...base, maxRetriesPerRequest: null },
    prefix: config.queuePrefix,
  };
}
