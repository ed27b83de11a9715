import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { validationFailed } from '../common/errors.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { voidPendingDecision } from '../decisions/decision-steps.js';
import type { ScoreResult } from '../domain/scoring.js';
import { weakAnswerSeverity } from '../domain/weak-answers.js';
import { scoreAssessment } from '../domain/scoring.js';
import { FindingEntity, type FindingSeverity, type FindingSource } from '../findings/finding.entity.js';
import { visibleQuestionIds } from '../domain/answers.js';
import { intakeContradictions, type IntakeContradiction } from '../domain/intake-contradictions.js';
import type { Question } from '../domain/questionnaire-template.js';
import { clarificationMail } from '../notifications/templates.js';
import { AssessmentAccess, move } from './assessment-access.js';
import type { AssessmentEntity } from './assessment.entity.js';
import { ClarificationEntity } from './clarification.entity.js';
import { FrozenQuestions } from './frozen-questions.js';
import { intakeScopeOf } from './intake-scope.reader.js';
import { InvitationsService } from './invitations.service.js';
import { ResponseEntity } from './response.entity.js';


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
    if (assessment.score) return { ...assessment.score, notApplicable: assessment.score.notApplicable ?? [] };
    const { questions, domains } = await this.frozen.of(assessment.questionnaires);
    const responses = await this.db.getRepository(ResponseEntity).findBy({ assessmentId: id, suggested: false });
    const answers = Object.fromEntries(responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable, notApplicableReason: r.notApplicableReason }]));
    const intake = await intakeScopeOf(this.db.manager, assessment.intakeId);
    return scoreAssessment({ inherentTier: assessment.inherentTier, domains, questions, answers, intake });
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

  /** One draft finding per fired knockout, weak answer and contradiction of the intake, never twice for the same question. */
  private async raiseDraftFindings(work: Work, assessment: AssessmentEntity): Promise<number> {
    const score = assessment.score;
    if (!score) return 0;
    const existing = await work.manager.findBy(FindingEntity, { assessmentId: assessment.id });
    const covered = new Set(existing.filter((f) => f.source === 'knockout' || f.source === 'low_score').flatMap((f) => f.questionIds));
    // A question can fire several knockouts (one per chosen capability): each is raised once.
    const raised = new Set(existing.filter((f) => f.source === 'knockout').map((f) => `${f.questionIds[0]}|${f.title}`));
    const contradicted = new Set(existing.filter((f) => f.source === 'inconsistent_with_intake').flatMap((f) => f.questionIds));
    const { byId, questions } = await this.frozen.of(assessment.questionnaires, work.manager);
    const drafts: Partial<FindingEntity>[] = [];
    for (const knockout of score.knockouts) {
      const key = `${knockout.questionId}|${knockout.finding.slice(0, 300)}`;
      if (raised.has(key)) continue;
      raised.add(key);
      covered.add(knockout.questionId);
      drafts.push(this.draft(assessment, knockout.severity, knockout.finding, `Knockout answer to ${knockout.questionId}: ${JSON.stringify(knockout.answer)}.`, 'knockout', knockout.questionId));
    }
    for (const domain of score.domains) {
      for (const line of domain.explanation) {
        const question = byId.get(line.questionId);
        const severity = question && !covered.has(line.questionId) ? weakAnswerSeverity(question, line, domain.weight) : null;
        if (!severity) continue;
        const title = `Weak answer to ${line.questionId}`;
        const description = `${question!.text} — answered ${JSON.stringify(line.answer)}, worth ${line.points} of 1 point (weight ${line.weight}, domain weight ${domain.weight}).`;
        drafts.push(this.draft(assessment, severity, title, description, 'low_score', line.questionId));
      }
    }
    for (const contradiction of await this.contradictions(work, assessment, questions)) {
      if (contradicted.has(contradiction.questionId)) continue;
      const description = `Answered ${JSON.stringify(contradiction.answer)} to ${contradiction.questionId}, which the intake contradicts.`;
      drafts.push(this.draft(assessment, contradiction.severity, contradiction.finding, description, 'inconsistent_with_intake', contradiction.questionId));
    }
    if (drafts.length) await work.manager.save(work.manager.create(FindingEntity, drafts));
    return drafts.length;
  }

  private async contradictions(work: Work, assessment: AssessmentEntity, questions: Question[]): Promise<IntakeContradiction[]> {
    const responses = await work.manager.findBy(ResponseEntity, { assessmentId: assessment.id, suggested: false });
    const answers = Object.fromEntries(responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable }]));
    const intake = await intakeScopeOf(work.manager, assessment.intakeId);
    return intakeContradictions(questions, answers, visibleQuestionIds(questions, answers, intake), intake);
  }

  private draft(assessment: AssessmentEntity, severity: FindingSeverity, title: string, description: string, source: Exclude<FindingSource, 'manual'>, questionId: string): Partial<FindingEntity> {
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

