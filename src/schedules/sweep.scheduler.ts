import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { JobName, QueueName } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { SCHEDULES_CONFIG, type SchedulesConfig } from './schedules.config.js';

/**
 * Keeps the repeatable sweep registered with BullMQ's job scheduler. Redis can come back empty
 * (a restart without persistence, a failover, a flush), so every worker upserts the scheduler
 * again every SWEEP_ENSURE_SECONDS and whenever its connection is ready again. The upsert is
 * idempotent: the same scheduler id keeps its next run, so many workers still make one sweep.
 */
@Injectable()
export class SweepScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('sweep');
  private timer?: NodeJS.Timeout;
  private stopReconnects?: () => void;
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly queues: QueueService,
    @Inject(SCHEDULES_CONFIG) private readonly config: SchedulesConfig,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => void this.ensure(), this.config.sweepEnsureSeconds * 1000);
    this.timer.unref();
    this.stopReconnects ??= this.queues.onReady(() => void this.ensure());
    void this.ensure();
  }

  /** Upserts the scheduler; a failure is only logged, the next tick or reconnect tries again. */
  async ensure(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.queues.queue(QueueName.Schedules).upsertJobScheduler(
        JobName.Sweep,
        { every: this.config.sweepIntervalSeconds * 1000 },
        // The next run rebuilds everything, so a failed sweep is not retried on its own.
        { name: JobName.Sweep, data: {}, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
      );
      if (!this.scheduled) this.logger.log(`sweep scheduled every ${this.config.sweepIntervalSeconds} s`);
      this.scheduled = true;
    } catch (error) {
      if (this.stopped) return;
      if (this.scheduled) this.logger.warn({ err: (error as Error).message }, 'could not make sure the sweep is scheduled; trying again');
      else this.logger.warn({ err: (error as Error).message }, 'could not schedule the sweep yet; trying again');
      this.scheduled = false;
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopReconnects?.();
    this.stopReconnects = undefined;
  }
}
