import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage.js';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { PermanentJobError } from '../queue/worker.host.js';
import { ReportBuilds } from './report-builds.js';
import { ReportDataReader, ReportUnbuildable } from './report-data.reader.js';
import { ReportFiles } from './report-file.js';
import { REPORT_STORAGE } from './report-storage.js';

/** Progress is written at most this often (in points): each write is a round trip to the database. */
const PROGRESS_STEP = 25;

/** Gathering the data is the first tenth of a build, drawing the next eight tenths, storing the rest. */
const drawingShare = (percent: number) => 10 + (percent * 80) / 100;

@Injectable()
export class ReportJobs {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly builds: ReportBuilds,
    private readonly reader: ReportDataReader,
    private readonly files: ReportFiles,
    @Inject(REPORT_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  /**
   * Builds from scratch on every attempt. The row says `ready` only after the whole file is
   * stored under its SHA-256, so a worker killed mid-build leaves `building` and no file in
   * use; the retry rebuilds it. A report whose assessment is gone fails at once.
   */
  @JobHandler(JobName.BuildReport)
  async buildReport({ reportId }: JobPayloads[JobName.BuildReport], job: Job): Promise<string> {
    const report = await this.builds.claim(reportId);
    if (!report) return 'skipped';
    let tempPath: string | undefined;
    try {
      const data = await this.reader.read(report.assessmentId);
      const file = await this.files.write(data, this.progressOf(reportId));
      tempPath = file.tempPath;
      const storageKey = await this.storage.put(file.tempPath, file.sha256);
      tempPath = undefined; // the store has taken the file
      if (!(await this.builds.ready(reportId, file, storageKey))) this.logger.warn({ reportId }, 'the report was finished elsewhere meanwhile');
      return 'ready';
    } catch (error) {
      if (tempPath) await this.files.discard(tempPath);
      throw await this.failed(reportId, error as Error, job);
    }
  }

  /** Records the failure; the error returned is rethrown so that BullMQ retries or gives up. */
  private async failed(reportId: string, error: Error, job: Job): Promise<Error> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (error instanceof ReportUnbuildable || lastAttempt) {
      await this.builds.fail(reportId, error);
      return error instanceof ReportUnbuildable ? new PermanentJobError(error.message) : error;
    }
    await this.builds.retryLater(reportId, error);
    return error;
  }

  private progressOf(reportId: string): (percent: number) => Promise<void> {
    let written = 0;
    return async (percent) => {
      const overall = drawingShare(percent);
      if (overall - written < PROGRESS_STEP) return;
      written = overall;
      await this.builds.progress(reportId, overall);
    };
  }
}
