import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { FrozenQuestions, type AssessmentQuestions } from '../assessments/frozen-questions.js';
import { ResponseEntity } from '../assessments/response.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { ConditionEntity } from '../decisions/condition.entity.js';
import { DecisionEntity } from '../decisions/decision.entity.js';
import { scoreAssessment } from '../domain/scoring.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import type { ReportAuditEvent, ReportData, ReportDecision, ReportFinding } from './report-data.js';
import { latestDate, toAiSystem, toAnswer, toEvidence, toFinding, toIntake, toQuestion } from './report-data.mapping.js';

/** The newest events of the trail that a report shows; the rest is counted. */
export const AUDIT_EXCERPT = 200;

/** Entity types whose events belong to an assessment's trail, looked up by the ids it owns. */
const TRAIL_TYPES = ['assessment', 'evidence', 'finding', 'risk_acceptance', 'decision', 'condition'];

/** A report that no retry can build: its assessment or questionnaire is gone. */
export class ReportUnbuildable extends Error {}

interface Owned {
  evidence: EvidenceEntity[];
  findings: FindingEntity[];
  acceptances: RiskAcceptanceEntity[];
  decision: DecisionEntity | null;
  conditions: ConditionEntity[];
}

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
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const assessment = await manager.findOne(AssessmentEntity, { where: { id: assessmentId }, relations: { vendor: true, aiSystem: true, intake: true } });
      if (!assessment?.vendor || !assessment.aiSystem || !assessment.intake) throw new ReportUnbuildable('The assessment of this report no longer exists');
      const questions = await this.questionsOf(assessment);
      const responses = await manager.find(ResponseEntity, { where: { assessmentId }, order: { questionId: 'ASC' } });
      const owned = await this.owned(manager, assessmentId);
      const { events, total } = await this.trail(manager, assessment.id, owned);
      const answers = responses.map(toAnswer);
      const score =
        assessment.score ??
        scoreAssessment({ inherentTier: assessment.inherentTier, domains: questions.domains, questions: questions.questions, answers: Object.fromEntries(answers.map((a) => [a.questionId, a])) });
      const data: Omit<ReportData, 'asOf'> = {
        assessment: {
          id: assessment.id,
          cycle: assessment.cycle,
          status: assessment.status,
          trigger: assessment.trigger,
          dueDate: assessment.dueDate,
          sentAt: assessment.sentAt,
          submittedAt: assessment.submittedAt,
          decidedAt: assessment.decidedAt,
          questionnaires: assessment.questionnaires.map(({ key, version }) => ({ key, version })),
        },
        vendor: { legalName: assessment.vendor.legalName, country: assessment.vendor.country, website: assessment.vendor.website },
        aiSystem: toAiSystem(assessment.aiSystem),
        intake: toIntake(assessment.intake),
        decision: decisionOf(owned),
        score,
        domains: questions.domains.map(({ id, title }) => ({ id, title })),
        questions: questions.questions.map(toQuestion),
        answers,
        findings: findingsOf(owned),
        evidence: owned.evidence.map(toEvidence),
        audit: events,
        auditTotal: total,
      };
      return { ...data, asOf: latestDate(data, responses, owned) };
    });
  }

  private async questionsOf(assessment: AssessmentEntity): Promise<AssessmentQuestions> {
    try {
      return await this.frozen.of(assessment.questionnaires);
    } catch (error) {
      throw new ReportUnbuildable(`The questionnaire of this assessment cannot be read: ${(error as Error).message}`);
    }
  }

  private async owned(manager: EntityManager, assessmentId: string): Promise<Owned> {
    const byAge = { createdAt: 'ASC', id: 'ASC' } as const;
    // One after another: a transaction's queries share one connection.
    const evidence = await manager.find(EvidenceEntity, { where: { assessmentId }, order: byAge });
    const findings = await manager.find(FindingEntity, { where: { assessmentId }, order: byAge });
    const decision = await manager.findOne(DecisionEntity, { where: { assessmentId } });
    const acceptances = findings.length ? await manager.find(RiskAcceptanceEntity, { where: { findingId: In(findings.map((f) => f.id)) }, order: byAge }) : [];
    const conditions = decision ? await manager.find(ConditionEntity, { where: { decisionId: decision.id }, order: { dueDate: 'ASC', createdAt: 'ASC', id: 'ASC' } }) : [];
    return { evidence, findings, acceptances, decision, conditions };
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
    const query = manager
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.entity_type = ANY(:types) AND e.entity_id = ANY(:ids)', { types: TRAIL_TYPES, ids })
      .andWhere(`e.action NOT LIKE 'report.%' AND e.action NOT LIKE '%.downloaded'`);
    const total = await query.clone().getCount();
    const newest = await query.clone().orderBy('e.seq', 'DESC').limit(AUDIT_EXCERPT).getMany();
    const events = newest.reverse().map((e) => ({ occurredAt: e.occurredAt, actorRole: e.actorRole, action: e.action, entityType: e.entityType }));
    return { events, total };
  }
}

function decisionOf({ decision, conditions }: Owned): ReportDecision | null {
  if (!decision) return null;
  const tracked = conditions.map((c) => ({ text: c.text, dueDate: c.dueDate, status: c.status }));
  return {
    outcome: decision.outcome,
    status: decision.status,
    rationale: decision.rationale,
    residualRisk: decision.residualRisk,
    controlScore: decision.controlScore === null ? null : Number(decision.controlScore),
    validUntil: decision.validUntil,
    decidedAt: decision.finalisedAt ?? decision.createdAt,
    // Before a critical-tier decision is confirmed its conditions are only proposed.
    conditions: tracked.length ? tracked : decision.proposedConditions.map((c) => ({ text: c.text, dueDate: c.dueDate, status: 'proposed' })),
  };
}

function findingsOf({ findings, acceptances }: Owned): ReportFinding[] {
  const latest = new Map<string, RiskAcceptanceEntity>();
  for (const acceptance of acceptances) latest.set(acceptance.findingId, acceptance);
  return findings.map((finding) => toFinding(finding, latest.get(finding.id) ?? null));
}
