import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unprocessable, validationFailed, type FieldError } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { answerProblem, notApplicableProblem, submissionGaps, visibleQuestionIds, type StoredAnswer } from '../domain/answers.js';
import { intakeScope, type IntakeOutcome } from '../domain/intake-scope.js';
import { vendorMayAnswer } from '../domain/assessment-state.js';
import type { Question } from '../domain/questionnaire-template.js';
import { scoreAssessment } from '../domain/scoring.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { AssessmentAccess, assertCan, mayRead, move } from './assessment-access.js';
import { questionSheet, type SheetAnswer } from './question-sheet.js';
import type { AssessmentEntity } from './assessment.entity.js';
import { ClarificationEntity } from './clarification.entity.js';
import type { ResponseInput } from './dto/responses.dto.js';
import { FrozenQuestions } from './frozen-questions.js';
import { intakeScopeOf } from './intake-scope.reader.js';
import { ResponseEntity } from './response.entity.js';
import { SubmissionNotices } from './submission-notices.js';

type Answers = Record<string, StoredAnswer & { suggested: boolean }>;

interface SheetRow {
  vendor_id: string;
  status: AssessmentEntity['status'];
  sent_at: Date | null;
  questionnaires: AssessmentEntity['questionnaires'];
  reopened_question_ids: string[];
  responses: SheetAnswer[];
  evidence: { id: string; questionIds: string[] }[];
  intake: IntakeOutcome;
}

const SHEET_QUERY = `
  SELECT a.vendor_id, a.status, a.sent_at, a.questionnaires, a.reopened_question_ids,
    COALESCE((SELECT json_agg(json_build_object(
        'questionId', r.question_id, 'value', r.value, 'comment', r.comment, 'notApplicable', r.not_applicable,
        'notApplicableReason', r.not_applicable_reason, 'suggested', r.suggested,
        'answeredAt', to_char(r.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      FROM responses r WHERE r.assessment_id = a.id), '[]') AS responses,
    COALESCE((SELECT json_agg(json_build_object('id', e.id, 'questionIds', e.question_ids))
      FROM evidence e WHERE e.assessment_id = a.id AND e.review_status <> 'rejected'), '[]') AS evidence,
    (SELECT json_build_object('answers', i.answers, 'euAiActCategory', i.eu_ai_act_category, 'inherentTier', i.inherent_tier)
      FROM intakes i WHERE i.id = a.intake_id) AS intake
  FROM assessments a WHERE a.id = $1`;

function sheetAssessment(row: SheetRow): AssessmentEntity {
  return { vendorId: row.vendor_id, status: row.status, sentAt: row.sent_at, questionnaires: row.questionnaires, reopenedQuestionIds: row.reopened_question_ids } as AssessmentEntity;
}

function answersOf(responses: ResponseEntity[]): Answers {
  return Object.fromEntries(
    responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable, notApplicableReason: r.notApplicableReason, suggested: r.suggested }]),
  );
}

/** Whether a question's answer may change now: open for the vendor, or reopened by a clarification. */
function editable(assessment: AssessmentEntity, questionId: string): boolean {
  if (!vendorMayAnswer(assessment.status)) return false;
  return assessment.reopenedQuestionIds.length === 0 || assessment.reopenedQuestionIds.includes(questionId);
}

@Injectable()
export class ResponsesService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly notices: SubmissionNotices,
    private readonly clock: Clock,
  ) {}

  /**
   * The visible questions with their answers, as JSON text; never weights, points or knockouts.
   * One query reads the assessment with its answers and evidence links.
   */
  async questions(principal: Principal, id: string): Promise<string> {
    const rows: SheetRow[] = await this.db.query(SHEET_QUERY, [id]);
    const row = rows[0];
    const assessment = row && sheetAssessment(row);
    if (!assessment || !mayRead(principal, assessment)) throw notFound('Assessment');
    const { questions, domains } = await this.frozen.of(assessment.questionnaires);
    const answers = new Map(row.responses.map((r) => [r.questionId, r]));
    const stored = Object.fromEntries(row.responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable }]));
    const visible = visibleQuestionIds(questions, stored, intakeScope(row.intake));
    const evidenceByQuestion = new Map<string, string[]>();
    for (const file of row.evidence) for (const q of file.questionIds) evidenceByQuestion.set(q, [...(evidenceByQuestion.get(q) ?? []), file.id]);
    const canEdit = principal.role === Role.Vendor;
    return questionSheet(
      questions.filter((q) => visible.has(q.id)),
      answers,
      evidenceByQuestion,
      (questionId) => canEdit && editable(assessment, questionId),
      new Map(domains.map((domain) => [domain.id, domain.title])),
    );
  }

  /** Saves many answers at once, all or none; the first save moves a sent assessment to in progress. */
  save(actor: Actor, principal: Principal, id: string, inputs: ResponseInput[]) {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      if (!vendorMayAnswer(assessment.status)) {
        throw conflict('answers_locked', `The assessment is ${assessment.status}: answers can no longer change`, { currentState: assessment.status });
      }
      const { byId, questions } = await this.frozen.of(assessment.questionnaires, work.manager);
      const existing = await work.manager.findBy(ResponseEntity, { assessmentId: id });
      const answers = answersOf(existing);
      const problems = checkInputs(inputs, byId, assessment);
      if (problems.length) throw validationFailed(problems, 'Some answers cannot be saved');
      for (const input of inputs) answers[input.questionId] = { value: input.notApplicable ? null : (input.value ?? null), notApplicable: !!input.notApplicable, suggested: false };
      const visible = visibleQuestionIds(questions, answers, await intakeScopeOf(work.manager, assessment.intakeId));
      const hidden = inputs.filter((input) => !visible.has(input.questionId));
      if (hidden.length) {
        throw validationFailed(hidden.map((input) => ({ field: input.questionId, message: `${input.questionId} is not shown given the other answers` })), 'Some answers are for hidden questions');
      }
      const now = this.clock.now();
      await work.manager.upsert(
        ResponseEntity,
        inputs.map((input) => ({
          assessmentId: id,
          questionId: input.questionId,
          value: (input.notApplicable ? null : (input.value ?? null)) as never,
          comment: input.comment ?? null,
          notApplicable: !!input.notApplicable,
          notApplicableReason: input.notApplicable ? input.reason!.trim() : null,
          suggested: false,
          answeredBy: actor.userId,
          answeredAt: now,
        })),
        ['assessmentId', 'questionId'],
      );
      const before = assessment.status;
      if (before === 'sent' || before === 'clarification_requested') {
        move(assessment, 'start_answering');
        await work.manager.save(assessment);
      }
      work.audit({
        action: 'responses.saved',
        entityType: 'assessment',
        entityId: id,
        changes: {
          questionIds: { before: null, after: inputs.map((i) => i.questionId) },
          ...(before !== assessment.status ? { status: { before, after: assessment.status } } : {}),
        },
      });
      return { saved: inputs.length, status: assessment.status };
    });
  }

  /** Submits for review when nothing required is missing; otherwise 422 listing what is. */
  submit(actor: Actor, principal: Principal, id: string) {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      assertCan(assessment, 'submit');
      const { questions, domains } = await this.frozen.of(assessment.questionnaires, work.manager);
      const responses = await work.manager.findBy(ResponseEntity, { assessmentId: id });
      // Rejected evidence counts as missing: the vendor replaces it.
      const evidence = await work.manager.find(EvidenceEntity, { where: { assessmentId: id, reviewStatus: Not('rejected') }, select: { id: true, questionIds: true } });
      const answers = answersOf(responses);
      const intake = await intakeScopeOf(work.manager, assessment.intakeId);
      const gaps = submissionGaps(questions, { answers, evidenceFor: new Set(evidence.flatMap((e) => e.questionIds)), intake });
      if (gaps.length) throw unprocessable('submission_incomplete', `${gaps.length} required item(s) are missing`, { gaps });
      move(assessment, 'submit');
      assessment.submittedAt = this.clock.now();
      assessment.reopenedQuestionIds = [];
      // Scored at submission, so the review starts from the figures the vendor's answers gave.
      assessment.score = scoreAssessment({ inherentTier: assessment.inherentTier, domains, questions, answers, intake });
      const saved = await work.manager.save(assessment);
      await work.manager.update(ClarificationEntity, { assessmentId: id, answeredAt: IsNull() }, { answeredAt: assessment.submittedAt });
      work.audit({
        action: 'assessment.submitted',
        entityType: 'assessment',
        entityId: id,
        changes: {
          status: { before: 'in_progress', after: 'submitted' },
          controlScore: { before: null, after: assessment.score.controlScore },
          residualRisk: { before: null, after: assessment.score.residualRisk },
        },
      });
      work.emit('assessment.submitted', { assessmentId: id, aiSystemId: saved.aiSystemId, vendorId: saved.vendorId, cycle: saved.cycle, submittedAt: saved.submittedAt });
      await this.notices.submitted(work, saved);
      return saved;
    });
  }
}

function checkInputs(inputs: ResponseInput[], byId: Map<string, Question>, assessment: AssessmentEntity): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const question = byId.get(input.questionId);
    const field = input.questionId;
    if (seen.has(field)) problems.push({ field, message: `${field} is answered twice in this request` });
    seen.add(field);
    if (!question) {
      problems.push({ field, message: `${field} is not a question of this assessment` });
      continue;
    }
    if (!editable(assessment, field)) problems.push({ field, message: `${field} is locked: only the questions reopened by the clarification can change` });
    if (input.notApplicable) {
      const problem = notApplicableProblem(question, input.reason);
      if (problem) problems.push({ field, message: `${field} ${problem}` });
      continue;
    }
    if (input.value !== undefined && input.value !== null) {
      const problem = answerProblem(question, input.value);
      if (problem) problems.push({ field, message: `${field} ${problem}` });
    }
  }
  return problems;
}
