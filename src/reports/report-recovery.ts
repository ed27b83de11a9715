import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { job, JobName, QueueName } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { REPORTS_CONFIG, type ReportsConfig } from './reports.config.js';

interface StalledReport {
  id: string;
  attempts: number;
}

const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The job of a report's next build: one id per attempt, so two sweeps queue it once. */
export const rebuildJob = (report: StalledReport) => job(JobName.BuildReport, { reportId: report.id }, `${report.id}.after-${report.attempts}`);

/**
 * Finds builds whose worker died (no sign of life for the stall time, no job left to run them)
 * and queues them again; a report that used all its builds is failed, so a new one can be asked for.
 */
@Injectable()
export class ReportRecovery {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly queues: QueueService,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  async sweep(): Promise<{ requeued: number; failed: number }> {
    const result = { requeued: 0, failed: 0 };
    for (const report of await this.stalled()) {
      if (report.attempts >= this.config.maxBuilds) {
        if (await this.giveUp(report)) result.failed += 1;
      } else if (!(await this.hasLiveJob(report))) {
        await this.requeue(report);
        result.requeued += 1;
      }
    }
    return result;
  }

  private async stalled(): Promise<StalledReport[]> {
    return this.db.query(
      `SELECT id, attempts FROM reports
       WHERE status IN ('queued', 'building') AND coalesce(progressed_at, created_at) < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT 500`,
      [this.config.stallSeconds],
    );
  }

  /** The first build's job, or one a recovery queued for this attempt or the one before (retrying). */
  private async hasLiveJob(report: StalledReport): Promise<boolean> {
    const queue = this.queues.queue(QueueName.Reports);
    const ids = [job(JobName.BuildReport, { reportId: report.id }, report.id), rebuildJob(report), rebuildJob({ ...report, attempts: report.attempts - 1 })].map((request) => request.jobId);
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    return states.some((state) => LIVE_STATES.has(state));
  }

  private async requeue(report: StalledReport): Promise<void> {
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      // A fresh stall period: the job gets its chance before the next sweep looks again.
      await work.manager.query(`UPDATE reports SET status = 'queued', progress = 0, progressed_at = now() WHERE id = $1 AND status IN ('queued', 'building')`, [report.id]);
      work.enqueue(rebuildJob(report));
    });
    this.logger.warn({ reportId: report.id, attempts: report.attempts }, 'a stalled report build was queued again');
  }

  private async giveUp(report: StalledReport): Promise<boolean> {
    const error = `The build was interrupted or failed ${report.attempts} times; request a new report`;
    const [, affected] = (await this.db.query(
      `UPDATE reports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'building') AND attempts = $3`,
      [report.id, error, report.attempts],
    )) as [unknown, number];
    if (affected) this.logger.warn({ reportId: report.id, attempts: report.attempts }, 'a report build was given up');
    return affected > 0;
  }
}
