import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { PermanentJobError } from '../queue/worker.host.js';
import { SampleError } from './sample-reader.js';
import { ValidationComputer } from './validation-compute.js';
import { ValidationOutcome } from './validation-outcome.js';
import { ValidationRecords } from './validation-records.js';

/** Progress is written at most this often (in points): each write is a round trip. */
const PROGRESS_STEP = 10;

@Injectable()
export class ValidationJobs {
  private readonly logger = new Logger('validation');

  constructor(
    private readonly records: ValidationRecords,
    private readonly computer: ValidationComputer,
    private readonly outcome: ValidationOutcome,
  ) {}

  /**
   * Computes from scratch on every attempt and writes the results only when all is computed,
   * so a worker killed mid-run leaves `running` and nothing half-done; the retry starts over.
   * A sample that cannot be read fails the run at once, naming the row and column.
   */
  @JobHandler(JobName.RunValidation)
  async runValidation({ validationId }: JobPayloads[JobName.RunValidation], job: Job): Promise<string> {
    const run = await this.records.claim(validationId);
    if (!run) return 'skipped';
    try {
      const results = await this.computer.compute(run, this.progressOf(validationId));
      if (!(await this.outcome.complete(validationId, results))) this.logger.warn({ validationId }, 'the run was finished elsewhere meanwhile');
      return 'done';
    } catch (error) {
      throw await this.failed(validationId, error as Error, job);
    }
  }

  private async failed(validationId: string, error: Error, job: Job): Promise<Error> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (error instanceof SampleError || lastAttempt) {
      await this.records.fail(validationId, error);
      return error instanceof SampleError ? new PermanentJobError(error.message) : error;
    }
    await this.records.retryLater(validationId, error);
    return error;
  }

  private progressOf(validationId: string): (percent: number) => Promise<void> {
    let written = 0;
    return async (percent) => {
      if (percent - written < PROGRESS_STEP) return;
      written = percent;
      await this.records.progress(validationId, percent);
    };
  }
}
