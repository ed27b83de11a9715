import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import type { AssessmentEntity } from '../assessments/assessment.entity.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, DomainError, notFound, validationFailed } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { evidenceFlags, type EvidenceFlag } from '../domain/evidence-flags.js';
import type { ReviewEvidenceRequest } from './dto/evidence.dto.js';
import { EvidenceEntity } from './evidence.entity.js';

const facts = (e: EvidenceEntity) => ({ id: e.id, sha256: e.sha256, size: Number(e.size), mediaType: e.mediaType, questionIds: e.questionIds });

/** The reviewer's side of evidence: a verdict on each file, and flags on what to look at twice. */
@Injectable()
export class EvidenceReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly clock: Clock,
  ) {}

  /** Accepted, or rejected with a reason (it then counts as missing for its questions); a verdict may be revised. */
  review(actor: Actor, principal: Principal, id: string, request: ReviewEvidenceRequest): Promise<EvidenceEntity> {
    if (request.status === 'rejected' && !request.reason) throw validationFailed([{ field: 'reason', message: 'evidence is rejected with a reason the vendor can act on' }]);
    return this.uow.run(actor, async (work) => {
      const evidence = await work.manager.findOne(EvidenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!evidence) throw notFound('Evidence');
      const assessment = await this.access.load(principal, evidence.assessmentId, { manager: work.manager }).catch((error: unknown) => {
        throw error instanceof DomainError && error.status === 404 ? notFound('Evidence') : error;
      });
      if (assessment.status === 'cancelled') throw conflict('invalid_state', 'The assessment was cancelled', { currentState: assessment.status });
      const before = { status: evidence.reviewStatus, reason: evidence.reviewReason };
      Object.assign(evidence, { reviewStatus: request.status, reviewReason: request.reason ?? null, reviewedBy: actor.userId, reviewedAt: this.clock.now() });
      const saved = await work.manager.save(evidence);
      work.audit({
        action: `evidence.${request.status}`,
        entityType: 'evidence',
        entityId: id,
        changes: { reviewStatus: { before: before.status, after: request.status }, reviewReason: { before: before.reason, after: saved.reviewReason } },
      });
      return saved;
    });
  }

  /** Flags per evidence id: the same bytes elsewhere at the vendor for unrelated questions, and implausibly small files. */
  async flags(assessment: AssessmentEntity, files: EvidenceEntity[]): Promise<Map<string, EvidenceFlag[]>> {
    if (!files.length) return new Map();
    const { byId } = await this.frozen.of(assessment.questionnaires);
    const domainOf = (questionId: string) => byId.get(questionId)?.domain ?? questionId.split('-')[0];
    const others = await this.db
      .getRepository(EvidenceEntity)
      .createQueryBuilder('e')
      .innerJoin('e.assessment', 'a')
      .where('a.vendor_id = :vendorId', { vendorId: assessment.vendorId })
      .andWhere({ sha256: In([...new Set(files.map((f) => f.sha256))]) })
      .getMany();
    return new Map(files.map((file) => [file.id, evidenceFlags(facts(file), others.map(facts), domainOf)]));
  }
}
