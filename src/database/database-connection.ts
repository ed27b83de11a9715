import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { useEmbeddedEndpoint } from './data-source.js';
import type { EmbeddedBackends } from './embedded/backends.js';
import type { PgEndpoint } from './embedded/embedded-postgres.js';
import { migrate } from './migrate.js';

/** Where BullMQ's PostgreSQL backend keeps the queues when REDIS_URL is unset. */
export type QueueDatabase = { url: string } | { endpoint: PgEndpoint };

/**
 * Connects and migrates when the application initialises; building the API document needs neither.
 * Without DATABASE_URL it first starts the embedded database (loaded only then), and stops it last.
 */
@Injectable()
export class DatabaseConnection implements OnModuleInit {
  private readonly logger = new Logger('database');
  private embedded?: EmbeddedBackends;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl && !this.embedded) {
      const { startEmbeddedBackends } = await import('./embedded/backends.js');
      this.embedded = await startEmbeddedBackends(this.config, (message) => this.logger.error(message));
      useEmbeddedEndpoint(this.db, this.embedded.database);
      this.logger.log({ dataDir: this.config.dataDir }, 'embedded database started');
    }
    if (!this.db.isInitialized) await this.db.initialize();
    if (this.embedded) (await import('./embedded/single-connection.js')).refuseNestedQueries(this.db);
    await migrate(this.db);
  }

  queueDatabase(): QueueDatabase | undefined {
    if (this.config.redisUrl) return undefined;
    return this.embedded?.queue ? { endpoint: this.embedded.queue } : this.config.databaseUrl ? { url: this.config.databaseUrl } : undefined;
  }

  /** Closes the pool, then stops the embedded servers and releases DATA_DIR. Called last by stopApp. */
  async close(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
    const embedded = this.embedded;
    this.embedded = undefined;
    await embedded?.stop();
  }
}
