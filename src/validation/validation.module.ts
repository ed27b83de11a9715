import { Module } from '@nestjs/common';
import { IdempotencyKeys } from '../common/idempotency.js';
import { UploadSpool } from '../evidence/upload-spool.js';
import { SampleRetention } from './sample-retention.js';
import { thresholdsProvider } from './thresholds.loader.js';
import { ValidationComputer } from './validation-compute.js';
import { ValidationOutcome } from './validation-outcome.js';
import { ValidationRecords } from './validation-records.js';
import { ValidationRunsController } from './validation-runs.controller.js';
import { ValidationRunsService } from './validation-runs.service.js';
import { ValidationJobs } from './validation.jobs.js';
import { validationStorageProvider } from './validation-storage.js';

/** Independent validation: samples uploaded over HTTP, computed by the worker, findings drafted from breaches. */
@Module({
  controllers: [ValidationRunsController],
  providers: [IdempotencyKeys, ValidationRunsService, ValidationRecords, ValidationComputer, ValidationOutcome, ValidationJobs, UploadSpool, validationStorageProvider, thresholdsProvider, SampleRetention],
})
export class ValidationModule {}
