import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import { ConditionEntity } from '../decisions/condition.entity.js';
import { DecisionStepEntity } from '../decisions/decision-step.entity.js';
import { DecisionEntity } from '../decisions/decision.entity.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import { VALIDATION_KINDS, ValidationRunEntity } from '../validation/validation-run.entity.js';
import type { ReportAuditEvent, ReportData } from './report-data.js';
import { reportDataOf, type ReportRows } from './report-data.mapping.js';

/** The newest events of the trail that a report shows; the rest is counted. */
export const AUDIT_EXCERPT = 200;

/** Entity types whose events belong to an assessment's trail, looked up by the ids it owns. */
const TRAIL_TYPES = ['assessment', 'evidence', 'finding', 'risk_acceptance', 'decision', 'condition'];

type Owned = Pick<ReportRows, 'evidence' | 'findings' | 'acceptances' | 'decision' | 'steps' | 'conditions'>;

/** A report that no retry can build: its assessment is gone. */
export class ReportUnbuildable extends Error {}

/**
 * Gathers everything a report shows, in stable orders, from one consistent snapshot (a
 * REPEATABLE READ transaction): the PDF is then drawn from the result alone.
 */
@Injectable()
export class ReportDataReader {
  constructor(
    private readonly db: DataSource,
    private readonly frozen: FrozenQuestions,
  ) {}

  async read(assessmentId: string): Promise<ReportData> {
    const rows = await this.db.transaction('REPEATABLE READ', (manager) => this.rowsOf(manager, assessmentId));
    // Outside the transaction: the questionnaire source reads through a connection of its own.
    const questions = await this.frozen.of(rows.assessment.questionnaires);
    return reportDataOf(rows, questions);
  }

  private async rowsOf(manager: EntityManager, assessmentId: string): Promise<ReportRows> {
    const assessment = await manager.findOne(AssessmentEntity, { where: { id: assessmentId }, relations: { vendor: true, aiSystem: true, intake: true } });
    if (!assessment?.vendor || !assessment.aiSystem || !assessment.intake) throw new ReportUnbuildable('The assessment of this report no longer exists');
    const responses = await manager.find(ResponseEntity, { where: { assessmentId }, order: { questionId: 'ASC' } });
    const owned = await this.owned(manager, assessmentId);
    const trail = await this.trail(manager, assessmentId, owned);
    const validations = await this.validations(manager, assessment.aiSystemId);
    return { assessment: assessment as ReportRows['assessment'], responses, ...owned, validations, trail };
  }

  /** The AI system's latest finished run of each kind, classification first. */
  private async validations(manager: EntityManager, aiSystemId: string): Promise<ValidationRunEntity[]> {
    const latest: ValidationRunEntity[] = [];
    for (const kind of VALIDATION_KINDS) {
      const run = await manager.findOne(ValidationRunEntity, { where: { aiSystemId, kind, status: 'done' }, order: { finishedAt: 'DESC', id: 'ASC' } });
      if (run) latest.push(run);
    }
    return latest;
  }

  private async owned(manager: EntityManager, assessmentId: string): Promise<Owned> {
    const byAge = { createdAt: 'ASC', id: 'ASC' } as const;
    // One after another: a transaction's queries share one connection.
    const evidence = await manager.find(EvidenceEntity, { where: { assessmentId }, order: byAge });
    const findings = await manager.find(FindingEntity, { where: { assessmentId }, order: byAge });
    // The decision that stands, else the last one set aside.
    const decision = await manager.findOne(DecisionEntity, { where: { assessmentId }, order: { voidedAt: { direction: 'DESC', nulls: 'FIRST' }, createdAt: 'DESC' } });
    const steps = await manager.find(DecisionStepEntity, { where: { assessmentId }, order: byAge });
    const acceptances = findings.length ? await manager.find(RiskAcceptanceEntity, { where: { findingId: In(findings.map((f) => f.id)) }, order: byAge }) : [];
    const conditions = decision ? await manager.find(ConditionEntity, { where: { decisionId: decision.id }, order: { dueDate: 'ASC', createdAt: 'ASC', id: 'ASC' } }) : [];
    return { evidence, findings, acceptances, decision, steps, conditions };
  }

  /**
   * The assessment's own events and those of what it owns. Reading and downloading (of evidence
   * or of reports) and the report requests themselves are left out: they change nothing, and a
   * report that listed them would differ from one built a minute earlier on the same data.
   */
  private async trail(manager: EntityManager, assessmentId: string, owned: Owned): Promise<{ events: ReportAuditEvent[]; total: number }> {
    const ids = [
      assessmentId,
      ...owned.evidence.map((e) => e.id),
      ...owned.findings.map((f) => f.id),
      ...owned.acceptances.map((a) => a.id),
      ...(owned.decision ? [owned.decision.id] : []),
      ...owned.conditions.map((c) => c.id),
    ];
    // The total rides along on each row (a window is counted before the limit): one round trip.
    const rows: { occurred_at: Date; actor_role: string | null; action: string; entity_type: string; total: string }[] = await manager.query(
      `SELECT occurred_at, actor_role, action, entity_type, count(*) OVER () AS total FROM audit_events
        WHERE entity_type = ANY($1) AND entity_id = ANY($2) AND action NOT LIKE 'report.%' AND action NOT LIKE '%.downloaded'
        ORDER BY seq DESC LIMIT $3`,
      [TRAIL_TYPES, ids, AUDIT_EXCERPT],
    );
    const events = rows.reverse().map((row) => ({ occurredAt: row.occurred_at, actorRole: row.actor_role, action: row.action, entityType: row.entity_type }));
    const total = rows.length ? Number(rows[0].total) : 0;
    return { events, total };
  }
}
