import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobName, QueueName } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { SCHEDULES_CONFIG, type SchedulesConfig } from './schedules.config.js';

const RETRY_MS = 30_000;

/**
 * Registers the repeatable sweep with BullMQ's job scheduler when a worker starts. Every worker
 * upserts the same scheduler id, so many workers still make one sweep per interval; the queue
 * may be away at start, so it tries again until it succeeds.
 */
@Injectable()
export class SweepScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('sweep');
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly queues: QueueService,
    @Inject(SCHEDULES_CONFIG) private readonly config: SchedulesConfig,
  ) {}

  start(): void {
    this.stopped = false;
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queues.queue(QueueName.Schedules).upsertJobScheduler(
        JobName.Sweep,
        { every: this.config.sweepIntervalSeconds * 1000 },
        // The next run rebuilds everything, so a failed sweep is not retried on its own.
        { name: JobName.Sweep, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
      );
      this.logger.log(`sweep scheduled every ${this.config.sweepIntervalSeconds} s`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ err: (error as Error).message }, 'could not schedule the sweep yet; trying again');
      this.retry = setTimeout(() => void this.register(), RETRY_MS);
      this.retry.unref();
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }
}
