import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportFile } from './report-file.js';
import { ReportEntity } from './report.entity.js';

const MAX_ERROR = 500;

/**
 * The report row through a build: queued -> building -> ready, or failed. Each step is one
 * conditional update, so a late or duplicate worker never moves a finished report.
 */
@Injectable()
export class ReportBuilds {
  constructor(private readonly db: DataSource) {}

  private get reports() {
    return this.db.getRepository(ReportEntity);
  }

  /**
   * Starts an attempt: a report still queued, or left `building` by a worker that died, is
   * (re)built from scratch. A ready or failed report, or none, is left alone (null).
   */
  async claim(reportId: string): Promise<ReportEntity | null> {
    const claimed = await this.reports
      .createQueryBuilder()
      .update()
      .set({ status: 'building', progress: 0, startedAt: () => 'now()', progressedAt: () => 'now()', attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id: reportId, open: ['queued', 'building'] })
      .returning(['id', 'assessmentId', 'attempts'])
      .execute();
    const row = (claimed.raw as { id: string; assessment_id: string; attempts: number }[])[0];
    return row ? this.reports.create({ id: row.id, assessmentId: row.assessment_id, attempts: row.attempts }) : null;
  }

  async progress(reportId: string, percent: number): Promise<void> {
    await this.reports.update({ id: reportId, status: 'building' }, { progress: Math.max(0, Math.min(99, Math.round(percent))), progressedAt: () => 'now()' });
  }

  /** Everything a reader needs, in one update: the file is stored before the row says so. */
  async ready(reportId: string, file: ReportFile, storageKey: string): Promise<boolean> {
    const result = await this.reports.update(
      { id: reportId, status: 'building' },
      { status: 'ready', progress: 100, sha256: file.sha256, size: String(file.size), pageCount: file.pageCount, storageKey, error: null, finishedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** An attempt failed and another will follow: back to queued, saying why. */
  async retryLater(reportId: string, error: Error): Promise<void> {
    await this.reports.update({ id: reportId, status: 'building' }, { status: 'queued', progress: 0, error: describe(error), progressedAt: () => 'now()' });
  }

  async fail(reportId: string, error: Error): Promise<void> {
    await this.reports.update({ id: reportId, status: 'building' }, { status: 'failed', error: describe(error), finishedAt: () => 'now()' });
  }
}

function describe(error: Error): string {
  return (error.message || error.name).slice(0, MAX_ERROR);
}
