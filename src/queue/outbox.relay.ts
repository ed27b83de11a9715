import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { JobName } from './jobs.js';
import { OutboxEntity } from './outbox.entity.js';
import { QueueService } from './queue.service.js';

const BATCH = 100;

/**
 * Moves committed outbox rows onto their queues. Runs in every process; rows are claimed with
 * SKIP LOCKED so several relays never enqueue the same row at once, and job ids are deterministic
 * so a row enqueued twice after a crash still runs once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.config.outboxPollMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a flush soon; calls during a flush are folded into one more round. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no flush is in progress (used by shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const { moved, blocked } = await this.flush();
        if (blocked) this.logger.warn('queue unavailable: outbox rows wait for the next round');
        if (blocked || moved < BATCH || this.stopped) return;
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'outbox relay failed a round');
    }
  }

  /** Enqueues one batch. `blocked` means the queue refused a job and the rest wait. */
  async flush(): Promise<{ moved: number; blocked: boolean }> {
    return this.db.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxEntity)
        .createQueryBuilder('o')
        .where('o.enqueued_at IS NULL')
        .orderBy('o.id')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const moved: string[] = [];
      let blocked = false;
      for (const row of rows) {
        const delayMs = Math.max(0, row.createdAt.getTime() + row.delayMs - Date.now());
        try {
          await this.queues.add({ name: row.jobName as JobName, payload: row.payload as never, jobId: row.jobId, delayMs });
          moved.push(row.id);
        } catch (error) {
          await manager.update(OutboxEntity, { id: row.id }, { attempts: row.attempts + 1, lastError: (error as Error).message });
          blocked = true;
          break;
        }
      }
      if (moved.length) {
        await manager.createQueryBuilder().update(OutboxEntity).set({ enqueuedAt: () => 'now()' }).whereInIds(moved).execute();
      }
      return { moved: moved.length, blocked };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }
}
