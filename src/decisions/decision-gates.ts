import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import type { AssessmentEntity } from '../assessments/assessment.entity.js';
import { FrozenQuestions } from '../assessments/frozen-questions.js';
import { Clock } from '../common/clock.js';
import { unprocessable, validationFailed } from '../common/errors.js';
import type { Work } from '../database/unit-of-work.js';
import type { DecisionOutcome } from '../domain/assessment-state.js';
import { blockingFindings, isApproval, prohibitedPractice, uncoveredFindings, type FindingToCover } from '../domain/decision-rules.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { coversOn, RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import { IntakeEntity } from '../intakes/intake.entity.js';
import type { ProposedCondition } from './decision.entity.js';

type Cover = FindingToCover & { finding: FindingEntity };

const listed = (findings: { id: string; title: string; severity: string; status: string; source: string }[]) =>
  findings.map((f) => ({ id: f.id, title: f.title, severity: f.severity, status: f.status, source: f.source }));

/** The refusals a decision (and its confirmation by a second risk manager) must pass, in order. */
@Injectable()
export class DecisionGates {
  constructor(
    private readonly frozen: FrozenQuestions,
    private readonly clock: Clock,
  ) {}

  async check(work: Work, assessment: AssessmentEntity, outcome: DecisionOutcome, conditions: readonly ProposedCondition[]): Promise<void> {
    if (isApproval(outcome)) await this.assertNotProhibited(work, assessment);
    const findings = await this.findingsToCover(work, assessment.id);
    assertTriaged(findings.map((f) => f.finding));
    assertConditionFindings(findings, conditions);
    if (outcome === 'approved') assertNothingBlocks(findings);
    if (outcome === 'approved_with_conditions') assertCovered(findings, conditions);
  }

  /** A prohibited practice (an Article 5 knockout, or an intake that cannot proceed) allows only a rejection. */
  private async assertNotProhibited(work: Work, assessment: AssessmentEntity): Promise<void> {
    const { questions } = await this.frozen.of(assessment.questionnaires, work.manager);
    const intake = await work.manager.findOneByOrFail(IntakeEntity, { id: assessment.intakeId });
    const prohibited = prohibitedPractice(questions, assessment.score?.knockouts ?? [], intake);
    if (!prohibited) return;
    const named = [...prohibited.questionIds.map((q) => `question ${q}`), ...prohibited.ruleIds.map((r) => `intake rule ${r}`)].join(', ');
    throw unprocessable('prohibited_practice', `A prohibited practice (EU AI Act Article 5) allows only a rejection: ${named}`, { questionIds: prohibited.questionIds, ruleIds: prohibited.ruleIds });
  }

  private async findingsToCover(work: Work, assessmentId: string): Promise<Cover[]> {
    const findings = await work.manager.find(FindingEntity, { where: { assessmentId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const accepted = findings.filter((f) => f.status === 'accepted').map((f) => f.id);
    const acceptances = accepted.length ? await work.manager.findBy(RiskAcceptanceEntity, { findingId: In(accepted), lapsedAt: IsNull() }) : [];
    const today = this.clock.today();
    return findings.map((finding) => ({
      ...finding,
      finding,
      validAcceptance: acceptances.some((a) => a.findingId === finding.id && coversOn(a, today)),
    }));
  }
}

function assertTriaged(findings: FindingEntity[]): void {
  const drafts = findings.filter((f) => f.status === 'draft');
  if (drafts.length) {
    throw unprocessable('untriaged_findings', `${drafts.length} draft finding(s) must be confirmed or dismissed before any decision`, { findings: drafts.map((f) => ({ id: f.id, title: f.title })) });
  }
}

function assertConditionFindings(findings: Cover[], conditions: readonly ProposedCondition[]): void {
  const known = new Set(findings.map((f) => f.id));
  const problems = conditions.flatMap((c, index) => (c.findingIds ?? []).filter((id) => !known.has(id)).map((id) => ({ field: `conditions.${index}.findingIds`, message: `${id} is not a finding of this assessment` })));
  if (problems.length) throw validationFailed(problems);
}

function assertNothingBlocks(findings: Cover[]): void {
  const blocking = blockingFindings(findings);
  if (blocking.length) {
    throw unprocessable('blocking_findings', `${blocking.length} unresolved high, critical or knockout finding(s) block a plain approval: resolve, accept or approve with conditions that name them`, {
      findings: listed(blocking),
    });
  }
}

function assertCovered(findings: Cover[], conditions: readonly ProposedCondition[]): void {
  const uncovered = uncoveredFindings(findings, conditions);
  if (uncovered.length) {
    throw unprocessable('blocking_findings', `${uncovered.length} high, critical or knockout finding(s) are covered by no condition (findingIds) and no valid risk acceptance`, {
      findings: listed(uncovered),
    });
  }
}
