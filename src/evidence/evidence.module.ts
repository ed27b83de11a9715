import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { EvidenceReviewService } from './evidence-review.service.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceService } from './evidence.service.js';
import { evidenceStorageProvider } from './storage/storage.provider.js';
import { UploadSpool } from './upload-spool.js';

/** Vendors' documents for an assessment: streamed uploads, content-addressed storage, audited downloads. */
@Module({
  imports: [AssessmentsModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceReviewService, UploadSpool, evidenceStorageProvider],
})
export class EvidenceModule {}
