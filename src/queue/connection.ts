import type { ConnectionOptions } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import { ConfigError } from '../config/config.js';

export interface QueueConnections {
  /** For adding jobs from request paths: fails fast instead of queueing commands offline. */
  producer: ConnectionOptions;
  /** For workers: blocking reads retry forever, as BullMQ requires. */
  worker: ConnectionOptions;
  prefix: string;
}

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

export function queueConnections(config: AppConfig): QueueConnections {
  if (!config.redisUrl) {
    throw new ConfigError('REDIS_URL is required until the embedded queue backend is available');
  }
  const base = redisOptions(config.redisUrl);
  return {
    producer: { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
    worker: { ...base, maxRetriesPerRequest: null },
    prefix: config.queuePrefix,
  };
}
