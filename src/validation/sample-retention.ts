import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, MoreThanOrEqual, Not } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, QueueName } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { ValidationRunEntity, type ValidationStatus } from './validation-run.entity.js';
import { lockSample } from './validation-runs.service.js';
import { VALIDATION_STORAGE } from './validation-storage.js';

const DAY_MS = 86_400_000;
const EVERY_MS = 60 * 60 * 1000;
const RETRY_MS = 30_000;
const BATCH = 100;
const FINISHED: ValidationStatus[] = ['done', 'failed'];

/**
 * Deletes sample files older than VALIDATION_RETENTION_DAYS; the results stay. The file is
 * content-addressed, so it goes only when no run inside its retention period still uses it.
 */
@Injectable()
export class SampleRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('validation');
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly queues: QueueService,
    @Inject(VALIDATION_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every process upserts the same scheduler id, so many processes still make one purge an hour. */
  onApplicationBootstrap(): void {
    void this.schedule();
  }

  /** Before the queues close: no retry may reopen a connection on a stopping application. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.queues.queue(QueueName.Validations).upsertJobScheduler(JobName.PurgeValidationSamples, { every: EVERY_MS }, { name: JobName.PurgeValidationSamples, data: {}, opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 10 } } });
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ err: (error as Error).message }, 'could not schedule the sample purge yet; trying again');
      this.retry = setTimeout(() => void this.schedule(), RETRY_MS);
      this.retry.unref();
    }
  }

  @JobHandler(JobName.PurgeValidationSamples)
  async purge(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.validationRetentionDays * DAY_MS);
    let purged = 0;
    for (;;) {
      // A run still queued or running reads its sample: it is purged once it has finished.
      const expired = await this.db.getRepository(ValidationRunEntity).find({ where: { inputDeletedAt: IsNull(), createdAt: LessThan(cutoff), status: In(FINISHED) }, order: { createdAt: 'ASC' }, take: BATCH });
      for (const run of expired) purged += await this.purgeRun(run.id, cutoff);
      if (expired.length < BATCH) return purged;
    }
  }

  /** Marks the run's sample deleted and removes the bytes unless a younger run shares them. */
  private async purgeRun(id: string, cutoff: Date): Promise<number> {
    return this.uow.run(SYSTEM_ACTOR, async (work) => {
      const run = await work.manager.findOne(ValidationRunEntity, { where: { id, inputDeletedAt: IsNull(), status: In(FINISHED) }, lock: { mode: 'pessimistic_write' } });
      if (!run) return 0;
      await lockSample(work.manager, run.inputSha256);
      const now = this.clock.now();
      await work.manager.update(ValidationRunEntity, { id }, { inputDeletedAt: now });
      const stillKept = await work.manager.existsBy(ValidationRunEntity, [
        { inputSha256: run.inputSha256, inputDeletedAt: IsNull(), createdAt: MoreThanOrEqual(cutoff) },
        { inputSha256: run.inputSha256, inputDeletedAt: IsNull(), status: Not(In(FINISHED)) },
      ]);
      if (!stillKept) await this.storage.delete(run.inputSha256);
      work.audit({ action: 'validation.sample_deleted', entityType: 'validation_run', entityId: id, changes: { inputDeletedAt: { before: null, after: now.toISOString() }, fileDeleted: { before: null, after: !stillKept } } });
      return 1;
    });
  }
}
