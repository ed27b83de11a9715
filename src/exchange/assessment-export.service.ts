import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { toCsv } from '../portfolio/csv.js';
import { VendorEntity } from '../vendors/vendor.entity.js';
import type { AssessmentExport } from './dto/exchange.dto.js';

const CSV_HEADER = [
  'record', 'question_id', 'questionnaire', 'domain', 'question', 'answer', 'not_applicable', 'reason', 'comment', 'suggested', 'answered_at',
  'file_name', 'sha256', 'size_bytes', 'media_type', 'document_date', 'expires_at', 'review_status', 'uploaded_at',
];

/** One CSV for both lists: a row per answer (`record` = answer), then a row per evidence file (`record` = evidence). */
export function assessmentCsv(data: AssessmentExport): string {
  const blanks = (n: number) => Array<string>(n).fill('');
  const answers = data.answers.map((a) => ['answer', a.questionId, a.questionnaire, a.domain, a.question, a.value, a.notApplicable, a.notApplicableReason, a.comment, a.suggested, a.answeredAt.toISOString(), ...blanks(8)]);
  const evidence = data.evidence.map((e) => ['evidence', e.questionIds, ...blanks(9), e.fileName, e.sha256, e.sizeBytes, e.mediaType, e.documentDate, e.expiresAt, e.reviewStatus, e.uploadedAt.toISOString()]);
  return toCsv(CSV_HEADER, [...answers, ...evidence]);
}

@Injectable()
export class AssessmentExportService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly clock: Clock,
  ) {}

  /** The answers in questionnaire order and the evidence list; no scores, which stay in the review. */
  async export(principal: Principal, id: string): Promise<AssessmentExport> {
    const assessment = await this.access.load(principal, id);
    const [{ questions }, responses, evidence, vendor, system] = await Promise.all([
      this.frozen.of(assessment.questionnaires),
      this.db.getRepository(ResponseEntity).findBy({ assessmentId: id }),
      this.db.getRepository(EvidenceEntity).find({ where: { assessmentId: id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.db.getRepository(VendorEntity).findOneByOrFail({ id: assessment.vendorId }),
      this.db.getRepository(AiSystemEntity).findOneByOrFail({ id: assessment.aiSystemId }),
    ]);
    const byQuestion = new Map(responses.map((r) => [r.questionId, r]));
    return {
      assessment: {
        id,
        vendorId: vendor.id,
        vendorName: vendor.legalName,
        aiSystemId: system.id,
        aiSystemName: system.name,
        cycle: assessment.cycle,
        status: assessment.status,
        dueDate: assessment.dueDate,
        submittedAt: assessment.submittedAt,
        questionnaires: assessment.questionnaires.map((q) => `${q.key}@${q.version}`),
      },
      exportedAt: this.clock.now(),
      answers: questions.flatMap((q) => {
        const r = byQuestion.get(q.id);
        if (!r) return [];
        return [{ questionId: q.id, questionnaire: q.questionnaire, domain: q.domain ?? null, question: q.text, type: q.type, value: r.value, notApplicable: r.notApplicable, notApplicableReason: r.notApplicableReason, comment: r.comment, suggested: r.suggested, answeredAt: r.answeredAt }];
      }),
      evidence: evidence.map((e) => ({
        id: e.id,
        fileName: e.originalName,
        sha256: e.sha256,
        sizeBytes: Number(e.size),
        mediaType: e.mediaType,
        documentDate: e.documentDate,
        expiresAt: e.expiresAt,
        questionIds: e.questionIds,
        reviewStatus: e.reviewStatus,
        uploadedAt: e.createdAt,
      })),
    };
  }
}
