import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditWriter } from './audit/audit.writer.js';
import { Clock, SystemClock } from './common/clock.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { createDataSource } from './database/data-source.js';
import { DatabaseConnection } from './database/database-connection.js';
import { UnitOfWork } from './database/unit-of-work.js';
import { WorkerHealthListener } from './health/worker-health.js';
import { OutboxRelay } from './queue/outbox.relay.js';
import { QueueService } from './queue/queue.service.js';
import { WorkerHost } from './queue/worker.host.js';

/** What every feature may use: configuration, the database, the unit of work and the queues. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => createDataSource(config) },
        DatabaseConnection,
        AuditWriter,
        QueueService,
        OutboxRelay,
        UnitOfWork,
        WorkerHost,
        WorkerHealthListener,
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [APP_CONFIG, DataSource, AuditWriter, QueueService, OutboxRelay, UnitOfWork, WorkerHost, WorkerHealthListener, Clock],
    };
  }
}
