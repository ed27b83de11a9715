import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { UploadSpool } from '../evidence/upload-spool.js';
import { ReportBuilds } from './report-builds.js';
import { ReportDataReader } from './report-data.reader.js';
import { ReportFiles } from './report-file.js';
import { ReportRecovery } from './report-recovery.js';
import { reportStorageProvider } from './report-storage.js';
import { loadReportsConfig, REPORTS_CONFIG } from './reports.config.js';
import { ReportsController } from './reports.controller.js';
import { ReportJobs } from './reports.jobs.js';
import { ReportsService } from './reports.service.js';

/** Due-diligence reports: requested over HTTP, drawn as PDF by the worker, stored by SHA-256. */
@Module({
  imports: [AssessmentsModule],
  controllers: [ReportsController],
  providers: [
    { provide: REPORTS_CONFIG, useFactory: () => loadReportsConfig() },
    ReportsService,
    ReportBuilds,
    ReportDataReader,
    ReportFiles,
    ReportJobs,
    ReportRecovery,
    UploadSpool,
    reportStorageProvider,
  ],
  exports: [ReportRecovery],
})
export class ReportsModule {}
