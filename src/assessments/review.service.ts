import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { validationFailed } from '../common/errors.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { voidPendingDecision } from '../decisions/decision-steps.js';
import type { ScoreLine, ScoreResult } from '../domain/scoring.js';
import { scoreAssessment } from '../domain/scoring.js';
import { FindingEntity, type FindingSeverity } from '../findings/finding.entity.js';
import { clarificationMail } from '../notifications/templates.js';
import { AssessmentAccess, move } from './assessment-access.js';
import type { AssessmentEntity } from './assessment.entity.js';
import { ClarificationEntity } from './clarification.entity.js';
import { FrozenQuestions } from './frozen-questions.js';
import { InvitationsService } from './invitations.service.js';
import { ResponseEntity } from './response.entity.js';

/** An answer scoring below this share of its points opens a draft finding. */
export const LOW_SCORE_THRESHOLD = 0.5;

@Injectable()
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly invitations: InvitationsService,
    private readonly clock: Clock,
  ) {}

  /** The stored score of the last submission, or the score of the answers as they stand. */
  async score(principal: Principal, id: string): Promise<ScoreResult> {
    const assessment = await this.access.load(principal, id);
    if (assessment.score) return assessment.score;
    const { questions, domains } = await this.frozen.of(assessment.questionnaires);
    const responses = await this.db.getRepository(ResponseEntity).findBy({ assessmentId: id, suggested: false });
    const answers = Object.fromEntries(responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable }]));
    return scoreAssessment({ inherentTier: assessment.inherentTier, domains, questions, answers });
  }

  /** submitted -> in_review, with the caller as reviewer and draft findings for knockouts and weak answers. */
  startReview(actor: Actor, principal: Principal, id: string): Promise<{ assessment: AssessmentEntity; draftFindings: number }> {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      move(assessment, 'start_review');
      assessment.reviewerId = actor.userId;
      assessment.reviewStartedAt = this.clock.now();
      const saved = await work.manager.save(assessment);
      const draftFindings = await this.raiseDraftFindings(work, saved);
      work.audit({
        action: 'assessment.review_started',
        entityType: 'assessment',
        entityId: id,
        changes: { status: { before: 'submitted', after: 'in_review' }, reviewerId: { before: null, after: actor.userId }, draftFindings: { before: null, after: draftFindings } },
      });
      return { assessment: saved, draftFindings };
    });
  }

  /** One draft finding per fired knockout and per weak answer, never twice for the same question. */
  private async raiseDraftFindings(work: Work, assessment: AssessmentEntity): Promise<number> {
    const score = assessment.score;
    if (!score) return 0;
    const existing = await work.manager.findBy(FindingEntity, { assessmentId: assessment.id });
    const covered = new Set(existing.filter((f) => f.source !== 'manual').flatMap((f) => f.questionIds));
    const { byId } = await this.frozen.of(assessment.questionnaires, work.manager);
    const drafts: Partial<FindingEntity>[] = [];
    for (const knockout of score.knockouts) {
      if (covered.has(knockout.questionId)) continue;
      covered.add(knockout.questionId);
      drafts.push(this.draft(assessment, knockout.severity, knockout.finding, `Knockout answer to ${knockout.questionId}: ${JSON.stringify(knockout.answer)}.`, 'knockout', knockout.questionId));
    }
    const weak = score.domains.flatMap((domain) => domain.explanation).filter((line) => isWeak(line) && !covered.has(line.questionId));
    for (const line of weak) {
      const question = byId.get(line.questionId);
      const title = `Weak answer to ${line.questionId}`;
      const description = `${question?.text ?? line.questionId} — answered ${JSON.stringify(line.answer)}, worth ${line.points} of 1 point (weight ${line.weight}).`;
      drafts.push(this.draft(assessment, line.points === 0 ? 'medium' : 'low', title, description, 'low_score', line.questionId));
    }
    if (drafts.length) await work.manager.save(work.manager.create(FindingEntity, drafts));
    return drafts.length;
  }

  private draft(assessment: AssessmentEntity, severity: FindingSeverity, title: string, description: string, source: 'knockout' | 'low_score', questionId: string): Partial<FindingEntity> {
    return {
      assessmentId: assessment.id,
      aiSystemId: assessment.aiSystemId,
      vendorId: assessment.vendorId,
      title: title.slice(0, 300),
      description,
      severity,
      status: 'draft',
      source,
      questionIds: [questionId],
      visibleToVendor: false,
      createdBy: null,
    };
  }

  /** in_review -> clarification_requested: reopens just these answers and mails the contacts a link. */
  requestClarification(actor: Actor, principal: Principal, id: string, questionIds: string[], message: string): Promise<ClarificationEntity> {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      const { byId } = await this.frozen.of(assessment.questionnaires, work.manager);
      const unknown = questionIds.filter((questionId) => !byId.has(questionId));
      if (unknown.length) throw validationFailed(unknown.map((q) => ({ field: 'questionIds', message: `${q} is not a question of this assessment` })));
      move(assessment, 'request_clarification');
      assessment.reopenedQuestionIds = questionIds;
      await work.manager.save(assessment);
      const voidedDecision = await voidPendingDecision(work, id, this.clock.now());
      const clarification = await work.manager.save(work.manager.create(ClarificationEntity, { assessmentId: id, questionIds, message, requestedBy: actor.userId! }));
      const mailed = await this.invitations.issueLinks(work, assessment, (link) => clarificationMail({ ...link, message, questionIds }));
      work.audit({
        action: 'assessment.clarification_requested',
        entityType: 'assessment',
        entityId: id,
        changes: { status: { before: 'in_review', after: 'clarification_requested' }, questionIds: { before: null, after: questionIds }, contacts: { before: null, after: mailed.map((m) => m.contactId) }, pendingDecisionVoided: { before: null, after: voidedDecision } },
      });
      return clarification;
    });
  }

  async clarifications(principal: Principal, id: string): Promise<ClarificationEntity[]> {
    await this.access.load(principal, id);
    return this.db.getRepository(ClarificationEntity).find({ where: { assessmentId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}

function isWeak(line: ScoreLine): boolean {
  return (line.status === 'scored' || line.status === 'unanswered_required') && line.points !== null && line.points < LOW_SCORE_THRESHOLD;
}

