import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import { diff } from '../audit/changes.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { mayVendorRead, scopeToVendor, type VendorVisibility } from '../auth/vendor-scope.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, notFound, validationFailed } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { acceptanceSeverity } from '../domain/acceptance-policy.js';
import { acceptable, findingMoveAllowed, reasonsNeeded, UNRESOLVED, type ReasonNeeded } from '../domain/finding-state.js';
import type { CreateFindingRequest, FindingListQuery, UpdateFindingRequest } from './dto/finding.dto.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { FindingCommentEntity } from './finding-comment.entity.js';
import { emitFindingMove } from './finding-events.js';
import { FindingEntity, type FindingStatus } from './finding.entity.js';
import { awaitingConfirmation, RiskAcceptanceEntity } from './risk-acceptance.entity.js';

const AUDITED: (keyof FindingEntity)[] = ['title', 'description', 'severity', 'status', 'dismissalReason', 'questionIds', 'ownerId', 'dueDate', 'remediationPlan', 'retestResult', 'visibleToVendor'];
const VENDOR_FIELDS = new Set(['status', 'remediationPlan']);

/** A vendor sees the findings addressed to it, once the risk team has confirmed them. */
export const FINDING_VISIBILITY: VendorVisibility<FindingEntity> = {
  vendorColumn: 'vendor_id',
  conditions: ['{}.visible_to_vendor', "{}.status <> 'draft'"],
  visible: (finding) => finding.visibleToVendor && finding.status !== 'draft',
  vendorId: (finding) => finding.vendorId,
};

export interface FindingView {
  finding: FindingEntity;
  comments: FindingCommentEntity[];
  acceptance: RiskAcceptanceEntity | null;
  /** Evidence the vendor attached to it, oldest first. */
  evidenceIds: string[];
}

@Injectable()
export class FindingsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly frozen: FrozenQuestions,
    private readonly clock: Clock,
  ) {}

  /** A finding the caller may see: vendors only those addressed to them, and never drafts. */
  private async load(principal: Principal, id: string, work?: Work): Promise<FindingEntity> {
    const manager = work?.manager ?? this.db.manager;
    const finding = await manager.findOne(FindingEntity, { where: { id }, ...(work ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!finding || !mayVendorRead(principal, finding, FINDING_VISIBILITY)) throw notFound('Finding');
    return finding;
  }

  async views(findings: FindingEntity[]): Promise<FindingView[]> {
    const ids = findings.map((f) => f.id);
    if (ids.length === 0) return [];
    const [comments, acceptances, evidence] = await Promise.all([
      this.db.getRepository(FindingCommentEntity).find({ where: { findingId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.db.getRepository(RiskAcceptanceEntity).find({ where: { findingId: In(ids), lapsedAt: IsNull() }, order: { createdAt: 'DESC' } }),
      this.db.getRepository(EvidenceEntity).find({ select: { id: true, findingId: true }, where: { findingId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return findings.map((finding) => ({
      finding,
      comments: comments.filter((c) => c.findingId === finding.id),
      evidenceIds: evidence.filter((e) => e.findingId === finding.id).map((e) => e.id),
      acceptance: acceptances.find((a) => a.findingId === finding.id && (finding.status === 'accepted' || (acceptable(finding.status) && awaitingConfirmation(a)))) ?? null,
    }));
  }

  async get(principal: Principal, id: string): Promise<FindingView> {
    return (await this.views([await this.load(principal, id)]))[0];
  }

  list(principal: Principal, query: FindingListQuery & { assessmentId?: string }): Promise<Page<FindingEntity>> {
    const qb = scopeToVendor(this.db.getRepository(FindingEntity).createQueryBuilder('f'), principal, FINDING_VISIBILITY);
    if (query.assessmentId) qb.andWhere('f.assessment_id = :assessmentId', { assessmentId: query.assessmentId });
    if (query.status) qb.andWhere('f.status = :status', { status: query.status });
    if (query.severity) qb.andWhere('f.severity = :severity', { severity: query.severity });
    if (query.vendorId) qb.andWhere('f.vendor_id = :vendorId', { vendorId: query.vendorId });
    if (query.ownerId) qb.andWhere('f.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.overdue) {
      // Never NULL, so that NOT (...) keeps the findings without a due date.
      const overdue = 'f.status IN (:...unresolved) AND f.due_date IS NOT NULL AND f.due_date < :today';
      qb.andWhere(query.overdue === 'true' ? overdue : `NOT (${overdue})`, { unresolved: UNRESOLVED, today: this.clock.today() });
    }
    return keysetPage(qb, byCreation('f'), query);
  }

  async listForAssessment(principal: Principal, assessmentId: string, query: FindingListQuery): Promise<Page<FindingEntity>> {
    await this.access.load(principal, assessmentId);
    return this.list(principal, { ...query, assessmentId });
  }

  create(actor: Actor, principal: Principal, assessmentId: string, request: CreateFindingRequest): Promise<FindingEntity> {
    return this.uow.run(actor, async (work) => {
      const assessment = await this.access.load(principal, assessmentId, { manager: work.manager });
      if (['draft', 'sent', 'cancelled'].includes(assessment.status)) {
        throw conflict('invalid_state', `The assessment is ${assessment.status}: findings come with its review`, { currentState: assessment.status });
      }
      await this.checkQuestions(assessment.questionnaires, request.questionIds ?? [], work);
      const finding = await work.manager.save(
        work.manager.create(FindingEntity, {
          assessmentId,
          aiSystemId: assessment.aiSystemId,
          vendorId: assessment.vendorId,
          title: request.title,
          description: request.description ?? '',
          severity: request.severity,
          status: 'open',
          source: 'manual',
          questionIds: request.questionIds ?? [],
          ownerId: request.ownerId ?? null,
          dueDate: request.dueDate ?? null,
          visibleToVendor: request.visibleToVendor ?? false,
          createdBy: actor.userId,
        }),
      );
      work.audit({ action: 'finding.created', entityType: 'finding', entityId: finding.id, changes: diff(null, finding, ['assessmentId', ...AUDITED]) });
      emitFindingMove(work, null, finding);
      return finding;
    });
  }

  private async checkQuestions(questionnaires: Parameters<FrozenQuestions['of']>[0], questionIds: string[], work: Work): Promise<void> {
    const { byId } = await this.frozen.of(questionnaires, work.manager);
    const unknown = questionIds.filter((id) => !byId.has(id));
    if (unknown.length) throw validationFailed(unknown.map((id) => ({ field: 'questionIds', message: `${id} is not a question of this assessment` })));
  }

  /** Triage (confirm a draft, or dismiss it with a reason) and follow-up; a lower severity needs a reason too. */
  update(actor: Actor, principal: Principal, id: string, request: UpdateFindingRequest, ifMatch: string | undefined): Promise<FindingEntity> {
    return this.uow.run(actor, async (work) => {
      const finding = await this.load(principal, id, work);
      assertIfMatch(ifMatch, entityTag(finding.version));
      const byVendor = principal.role === Role.Vendor;
      const { reason, ...changes } = request;
      const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
      const foreign = byVendor ? [...fields.filter(([key]) => !VENDOR_FIELDS.has(key)), ...(reason === undefined ? [] : [['reason']])] : [];
      if (foreign.length) throw validationFailed(foreign.map(([key]) => ({ field: key as string, message: `${key} is the risk team's to change` })));
      if (request.status && !findingMoveAllowed(finding.status, request.status, byVendor)) {
        throw conflict('invalid_transition', `A finding that is ${finding.status} cannot become ${request.status}${byVendor ? ' by the vendor' : ''}`, { currentState: finding.status });
      }
      if (request.status === 'closed' && !(request.retestResult ?? finding.retestResult)) {
        throw validationFailed([{ field: 'retestResult', message: 'a finding is closed after a retest: give its result' }]);
      }
      const needed = reasonsNeeded(finding, { status: request.status ?? finding.status, severity: request.severity ?? finding.severity });
      if (needed.length && !reason) throw validationFailed(needed.map((n) => ({ field: 'reason', message: REASON_MESSAGES[n] })));
      if (request.questionIds) await this.checkQuestions((await this.access.load(principal, finding.assessmentId, { manager: work.manager })).questionnaires, request.questionIds, work);
      const before = { ...finding };
      Object.assign(finding, Object.fromEntries(fields));
      if (finding.severity !== before.severity) finding.highestSeverity = acceptanceSeverity(finding.severity, before.highestSeverity ?? before.severity);
      if (needed.includes('dismissal')) finding.dismissalReason = reason!;
      const diffs = diff(before, finding, AUDITED);
      if (Object.keys(diffs).length === 0) return finding;
      const saved = await work.manager.save(finding);
      work.audit({ action: findingAction(before.status, saved.status), entityType: 'finding', entityId: id, changes: reason ? { ...diffs, reason: { before: null, after: reason } } : diffs });
      emitFindingMove(work, before.status, saved);
      return saved;
    });
  }

  comment(actor: Actor, principal: Principal, id: string, body: string): Promise<FindingCommentEntity> {
    return this.uow.run(actor, async (work) => {
      const finding = await this.load(principal, id, work);
      const comment = await work.manager.save(work.manager.create(FindingCommentEntity, { findingId: finding.id, authorId: actor.userId, authorRole: principal.role, body }));
      work.audit({ action: 'finding.commented', entityType: 'finding', entityId: id, changes: { comment: { before: null, after: comment.id } } });
      return comment;
    });
  }
}

const REASON_MESSAGES: Record<ReasonNeeded, string> = {
  dismissal: 'a finding is dismissed with a reason',
  severity_lowered: 'lowering the severity of a finding needs a reason',
};

function findingAction(before: FindingStatus, after: FindingStatus): string {
  if (before === 'draft' && after === 'open') return 'finding.confirmed';
  if (before !== 'dismissed' && after === 'dismissed') return 'finding.dismissed';
  return 'finding.updated';
}
