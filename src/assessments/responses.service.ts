import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import type { Actor } from '../common/actor.js';
import { conflict, unprocessable, validationFailed, type FieldError } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { answerProblem, submissionGaps, visibleQuestionIds, type StoredAnswer } from '../domain/answers.js';
import { vendorMayAnswer } from '../domain/assessment-state.js';
import type { Question } from '../domain/questionnaire-template.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { AssessmentAccess, assertCan, move } from './assessment-access.js';
import type { AssessmentEntity } from './assessment.entity.js';
import type { QuestionView, ResponseInput } from './dto/responses.dto.js';
import { FrozenQuestions } from './frozen-questions.js';
import { ResponseEntity } from './response.entity.js';
import { SubmissionNotices } from './submission-notices.js';

type Answers = Record<string, StoredAnswer & { suggested: boolean }>;

function answersOf(responses: ResponseEntity[]): Answers {
  return Object.fromEntries(responses.map((r) => [r.questionId, { value: r.value, notApplicable: r.notApplicable, suggested: r.suggested }]));
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
  ) {}

  /** The visible questions with their answers; never weights, points or knockouts. */
  async questions(principal: Principal, id: string): Promise<QuestionView[]> {
    const assessment = await this.access.load(principal, id);
    const [{ questions }, responses, evidence] = await Promise.all([
      this.frozen.of(assessment.questionnaires),
      this.db.getRepository(ResponseEntity).findBy({ assessmentId: id }),
      this.db.getRepository(EvidenceEntity).find({ where: { assessmentId: id }, select: { id: true, questionIds: true } }),
    ]);
    const byQuestion = new Map(responses.map((r) => [r.questionId, r]));
    const visible = visibleQuestionIds(questions, answersOf(responses));
    const canEdit = principal.role === Role.Vendor;
    return questions.filter((q) => visible.has(q.id)).map((q) => questionView(q, byQuestion.get(q.id), evidence, canEdit && editable(assessment, q.id)));
  }

  /** Saves many answers at once, all or none; the first save moves a sent assessment to in progress. */
  save(actor: Actor, principal: Principal, id: string, inputs: ResponseInput[]) {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, id, { manager: work.manager, lock: true });
      if (!vendorMayAnswer(assessment.status)) {
        throw conflict('answers_locked', `The assessment is ${assessment.status}: answers can no longer change`, { currentState: assessment.status });
      }
      const { byId, questions } = await this.frozen.of(assessment.questionnaires);
      const existing = await work.manager.findBy(ResponseEntity, { assessmentId: id });
      const answers = answersOf(existing);
      const problems = checkInputs(inputs, byId, assessment);
      if (problems.length) throw validationFailed(problems, 'Some answers cannot be saved');
      for (const input of inputs) answers[input.questionId] = { value: input.notApplicable ? null : (input.value ?? null), notApplicable: !!input.notApplicable, suggested: false };
      const visible = visibleQuestionIds(questions, answers);
      const hidden = inputs.filter((input) => !visible.has(input.questionId));
      if (hidden.length) {
        throw validationFailed(hidden.map((input) => ({ field: input.questionId, message: `${input.questionId} is not shown given the other answers` })), 'Some answers are for hidden questions');
      }
      const now = new Date();
      await work.manager.upsert(
        ResponseEntity,
        inputs.map((input) => ({
          assessmentId: id,
          questionId: input.questionId,
          value: (input.notApplicable ? null : (input.value ?? null)) as never,
          comment: input.comment ?? null,
          notApplicable: !!input.notApplicable,
          notApplicableReason: input.notApplicable ? input.reason! : null,
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
      const { questions } = await this.frozen.of(assessment.questionnaires);
      const responses = await work.manager.findBy(ResponseEntity, { assessmentId: id });
      const evidence = await work.manager.find(EvidenceEntity, { where: { assessmentId: id }, select: { id: true, questionIds: true } });
      const gaps = submissionGaps(questions, { answers: answersOf(responses), evidenceFor: new Set(evidence.flatMap((e) => e.questionIds)) });
      if (gaps.length) throw unprocessable('submission_incomplete', `${gaps.length} required item(s) are missing`, { gaps });
      move(assessment, 'submit');
      assessment.submittedAt = new Date();
      assessment.reopenedQuestionIds = [];
      const saved = await work.manager.save(assessment);
      work.audit({ action: 'assessment.submitted', entityType: 'assessment', entityId: id, changes: { status: { before: 'in_progress', after: 'submitted' } } });
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
      if (!input.reason) problems.push({ field, message: `${field} is marked not applicable without a reason` });
      continue;
    }
    if (input.value !== undefined && input.value !== null) {
      const problem = answerProblem(question, input.value);
      if (problem) problems.push({ field, message: `${field} ${problem}` });
    }
  }
  return problems;
}

function questionView(question: Question, response: ResponseEntity | undefined, evidence: Pick<EvidenceEntity, 'id' | 'questionIds'>[], canEdit: boolean): QuestionView {
  return {
    id: question.id,
    domain: question.domain ?? '',
    type: question.type,
    text: question.text,
    ...(question.help ? { help: question.help } : {}),
    ...(question.options ? { options: question.options.map(({ value, label }) => ({ value, label })) } : {}),
    required: question.required,
    ...(question.evidence ? { evidence: question.evidence } : {}),
    editable: canEdit,
    evidenceIds: evidence.filter((e) => e.questionIds.includes(question.id)).map((e) => e.id),
    ...(response
      ? {
          answer: {
            value: response.value,
            comment: response.comment,
            notApplicable: response.notApplicable,
            notApplicableReason: response.notApplicableReason,
            suggested: response.suggested,
            answeredAt: response.answeredAt,
          },
        }
      : {}),
  };
}
