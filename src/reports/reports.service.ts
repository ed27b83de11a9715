import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { conflict, notFound } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage.js';
import { job, JobName } from '../queue/jobs.js';
import { REPORT_STORAGE } from './report-storage.js';
import { ReportEntity } from './report.entity.js';

/** A ready report's bytes and the row that describes them. */
export interface ReportDownload {
  report: ReportEntity;
  stream: Readable;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    @Inject(REPORT_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  /** Queues a build; the worker picks it up once the transaction commits. */
  async request(actor: Actor, principal: Principal, assessmentId: string): Promise<ReportEntity> {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, assessmentId, { manager: work.manager });
      if (!assessment.submittedAt) {
        throw conflict('not_submitted', `The assessment is ${assessment.status}: a report is built once the vendor has submitted`, { currentState: assessment.status });
      }
      const report = await work.manager.save(work.manager.create(ReportEntity, { assessmentId, status: 'queued', requestedBy: actor.userId }));
      work.audit({ action: 'report.requested', entityType: 'report', entityId: report.id, changes: { assessmentId: { before: null, after: assessmentId } } });
      work.enqueue(job(JobName.BuildReport, { reportId: report.id }, report.id));
      return report;
    });
  }

  /** Reports carry internal scores and notes: to a vendor user none exists. */
  async get(principal: Principal, reportId: string): Promise<ReportEntity> {
    const report = principal.role === Role.Vendor ? null : await this.db.getRepository(ReportEntity).findOneBy({ id: reportId });
    if (!report) throw notFound('Report');
    return report;
  }

  /** Opens the stored PDF and records the access in the audit trail before a byte is sent. */
  async download(actor: Actor, principal: Principal, reportId: string): Promise<ReportDownload> {
    const report = await this.get(principal, reportId);
    if (report.status !== 'ready' || !report.sha256) {
      throw conflict('report_not_ready', `The report is ${report.status}: the file can be downloaded once it is ready`, { currentState: report.status });
    }
    const stream = await this.storage.open(report.sha256);
    try {
      await this.uow.run(actor, async (work) => {
        work.audit({
          action: 'report.downloaded',
          entityType: 'report',
          entityId: report.id,
          changes: { assessmentId: { before: null, after: report.assessmentId }, sha256: { before: null, after: report.sha256 } },
        });
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { report, stream };
  }
}
