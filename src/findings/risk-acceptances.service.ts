import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AssessmentAccess } from '../assessments/assessment-access.js';
import type { Principal } from '../auth/principal.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork, type Work } from '../database/unit-of-work.js';
import { acceptanceRefusal, acceptanceSeverity } from '../domain/acceptance-policy.js';
import { acceptable, untriaged } from '../domain/finding-state.js';
import type { RiskAcceptanceRequest } from './dto/finding.dto.js';
import { FindingEntity } from './finding.entity.js';
import { awaitingConfirmation, RiskAcceptanceEntity } from './risk-acceptance.entity.js';

/**
 * Risk acceptance under the acceptance policy (RISK_ACCEPTANCE_POLICY): how long a finding of each
 * severity may be accepted, and whether a second, different risk manager must confirm.
 */
@Injectable()
export class RiskAcceptancesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AssessmentAccess,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Accepts the risk until a date, or proposes it where the policy asks for two risk managers; the second call confirms. */
  accept(actor: Actor, principal: Principal, id: string, request: RiskAcceptanceRequest): Promise<FindingEntity> {
    const today = this.clock.today();
    if (request.expiresAt <= today) throw validationFailed([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    return this.uow.run(actor, async (work) => {
      const finding = await work.manager.findOne(FindingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!finding) throw notFound('Finding');
      const assessment = await this.access.load(principal, finding.assessmentId, { manager: work.manager });
      if (assessment.requestedBy === actor.userId) throw forbidden('The requester of the intake cannot accept its risks');
      if (untriaged(finding.status)) throw conflict('finding_not_triaged', 'A draft finding is confirmed or dismissed before its risk can be accepted', { currentState: finding.status });
      if (!acceptable(finding.status)) throw conflict('invalid_transition', `A finding that is ${finding.status} cannot be accepted`, { currentState: finding.status });
      const authority = acceptanceSeverity(finding.severity, finding.highestSeverity);
      const refusal = acceptanceRefusal(this.config.decisionPolicy.riskAcceptance, authority, request.expiresAt, today);
      if (refusal) throw unprocessable(refusal.code, refusal.message, { severity: authority, ...(refusal.code === 'acceptance_too_long' ? { latest: refusal.latest } : {}) });
      const pending = await work.manager.findOne(RiskAcceptanceEntity, { where: { findingId: id, lapsedAt: IsNull(), confirmedBy: IsNull() }, order: { createdAt: 'DESC' } });
      if (pending && awaitingConfirmation(pending)) return this.confirm(work, finding, pending, request);
      return this.propose(work, finding, request);
    });
  }

  private async propose(work: Work, finding: FindingEntity, request: RiskAcceptanceRequest): Promise<FindingEntity> {
    const approvers = this.config.decisionPolicy.riskAcceptance[acceptanceSeverity(finding.severity, finding.highestSeverity)]!.approvers;
    const acceptance = await work.manager.save(
      work.manager.create(RiskAcceptanceEntity, {
        findingId: finding.id,
        approverId: work.actor.userId!,
        rationale: request.rationale,
        compensatingControls: request.compensatingControls ?? null,
        expiresAt: request.expiresAt,
        requiredApprovers: approvers,
      }),
    );
    const summary = { id: acceptance.id, expiresAt: acceptance.expiresAt, requiredApprovers: approvers };
    if (approvers > 1) {
      work.audit({ action: 'finding.risk_acceptance_proposed', entityType: 'finding', entityId: finding.id, changes: { acceptance: { before: null, after: summary } } });
      return finding;
    }
    return this.markAccepted(work, finding, summary);
  }

  private async confirm(work: Work, finding: FindingEntity, pending: RiskAcceptanceEntity, request: RiskAcceptanceRequest): Promise<FindingEntity> {
    if (pending.approverId === work.actor.userId) throw conflict('four_eyes', `A ${acceptanceSeverity(finding.severity, finding.highestSeverity)} finding's risk acceptance is confirmed by a second, different risk manager`);
    if (pending.expiresAt !== request.expiresAt) {
      throw conflict('acceptance_mismatch', `The proposed acceptance runs until ${pending.expiresAt}; confirm it with that date or let it be`, { proposedExpiresAt: pending.expiresAt });
    }
    pending.confirmedBy = work.actor.userId;
    pending.confirmedAt = this.clock.now();
    await work.manager.save(pending);
    return this.markAccepted(work, finding, { id: pending.id, expiresAt: pending.expiresAt, confirmedBy: pending.confirmedBy, confirmation: request.rationale });
  }

  private async markAccepted(work: Work, finding: FindingEntity, acceptance: Record<string, unknown>): Promise<FindingEntity> {
    const before = finding.status;
    finding.status = 'accepted';
    const saved = await work.manager.save(finding);
    work.audit({ action: 'finding.risk_accepted', entityType: 'finding', entityId: finding.id, changes: { status: { before, after: 'accepted' }, acceptance: { before: null, after: acceptance } } });
    return saved;
  }
}
