/** Rows as a report shows them: only what the PDF needs, with numbers as numbers. */
import type { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { AssessmentQuestions } from '../assessments/frozen-questions.js';
import type { ResponseEntity } from '../assessments/response.entity.js';
import type { ConditionEntity } from '../decisions/condition.entity.js';
import type { DecisionStepEntity } from '../decisions/decision-step.entity.js';
import type { DecisionEntity } from '../decisions/decision.entity.js';
import type { Question } from '../domain/questionnaire-template.js';
import { intakeScope } from '../domain/intake-scope.js';
import { scoreAssessment } from '../domain/scoring.js';
import type { EvidenceEntity } from '../evidence/evidence.entity.js';
import type { FindingEntity } from '../findings/finding.entity.js';
import type { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import type { IntakeEntity } from '../intakes/intake.entity.js';
import type { ValidationRunEntity } from '../validation/validation-run.entity.js';
import type { ReportValidationRun } from '../validation/report/validation-section.js';
import type { VendorEntity } from '../vendors/vendor.entity.js';
import type {
  ReportAiSystem,
  ReportAnswer,
  ReportAuditEvent,
  ReportData,
  ReportDecision,
  ReportEvidence,
  ReportFinding,
  ReportIntake,
  ReportQuestion,
} from './report-data.js';

/** What the reader took from the database, in one snapshot. */
export interface ReportRows {
  assessment: AssessmentEntity & { vendor: VendorEntity; aiSystem: AiSystemEntity; intake: IntakeEntity };
  responses: ResponseEntity[];
  evidence: EvidenceEntity[];
  findings: FindingEntity[];
  acceptances: RiskAcceptanceEntity[];
  decision: DecisionEntity | null;
  steps: DecisionStepEntity[];
  conditions: ConditionEntity[];
  /** Finished validation runs of the AI system, at most one per kind. */
  validations: ValidationRunEntity[];
  trail: { events: ReportAuditEvent[]; total: number };
}

export function toAiSystem(system: AiSystemEntity): ReportAiSystem {
  return {
    name: system.name,
    modelVersion: system.modelVersion,
    modelType: system.modelType,
    hosting: system.hosting,
    dataRegions: system.dataRegions,
    foundationModelProviders: system.foundationModelProviders,
  };
}

export function toIntake(intake: IntakeEntity): ReportIntake {
  return {
    useCase: intake.useCase,
    businessOwner: intake.businessOwner,
    inherentTier: intake.inherentTier,
    euAiActCategory: intake.euAiActCategory,
    reasons: intake.reasons.map((reason) => reason.reason),
    scope: intakeScope(intake),
  };
}

export function toQuestion(question: Question & { questionnaire: string }): ReportQuestion {
  return {
    id: question.id,
    questionnaire: question.questionnaire,
    domain: question.domain ?? null,
    text: question.text,
    type: question.type,
    options: question.options ?? [],
    mapsTo: question.mapsTo ?? [],
    ...(question.evidence ? { evidence: question.evidence } : {}),
  };
}

export function toAnswer(response: ResponseEntity): ReportAnswer {
  return {
    questionId: response.questionId,
    value: response.value,
    comment: response.comment,
    notApplicable: response.notApplicable,
    notApplicableReason: response.notApplicableReason,
  };
}

export function toEvidence(evidence: EvidenceEntity): ReportEvidence {
  return {
    name: evidence.originalName,
    sha256: evidence.sha256,
    size: Number(evidence.size),
    mediaType: evidence.mediaType,
    documentDate: evidence.documentDate,
    expiresAt: evidence.expiresAt,
    questionIds: evidence.questionIds,
    uploadedAt: evidence.createdAt,
    review: { status: evidence.reviewStatus, reason: evidence.reviewReason },
  };
}

export function toFinding(finding: FindingEntity, acceptance: RiskAcceptanceEntity | null): ReportFinding {
  return {
    title: finding.title,
    description: finding.description,
    severity: finding.severity,
    status: finding.status,
    source: finding.source,
    questionIds: finding.questionIds,
    dueDate: finding.dueDate,
    remediationPlan: finding.remediationPlan,
    acceptance: acceptance && {
      rationale: acceptance.rationale,
      compensatingControls: acceptance.compensatingControls,
      expiresAt: acceptance.expiresAt,
      lapsedAt: acceptance.lapsedAt,
    },
  };
}

export function toValidationRun(run: ValidationRunEntity): ReportValidationRun {
  return {
    id: run.id,
    finishedAt: run.finishedAt,
    inputSha256: run.inputSha256,
    results: run.results as unknown as ReportValidationRun['results'],
    findingCount: run.findingIds.length,
  };
}

function decisionOf({ decision, conditions, steps }: ReportRows): ReportDecision | null {
  if (!decision) return null;
  const tracked = conditions.map((c) => ({ text: c.text, dueDate: c.dueDate, status: c.status }));
  const own = steps.filter((s) => s.decisionId === decision.id);
  return {
    outcome: decision.outcome,
    status: decision.status,
    rationale: decision.rationale,
    proposedBy: own.find((s) => s.step === 'proposed')?.actorName ?? '-',
    confirmedBy: own.find((s) => s.step === 'confirmed')?.actorName ?? null,
    confirmationRationale: decision.confirmationRationale,
    steps: steps.map((s) => ({ step: s.step, outcome: s.outcome, actorName: s.actorName, rationale: s.rationale, at: s.createdAt })),
    residualRisk: decision.residualRisk,
    controlScore: decision.controlScore === null ? null : Number(decision.controlScore),
    validUntil: decision.validUntil,
    decidedAt: decision.finalisedAt ?? decision.createdAt,
    // Before a critical-tier decision is confirmed its conditions are only proposed.
    conditions: tracked.length ? tracked : decision.proposedConditions.map((c) => ({ text: c.text, dueDate: c.dueDate, status: 'proposed' })),
  };
}

function findingsOf({ findings, acceptances }: ReportRows): ReportFinding[] {
  const latest = new Map<string, RiskAcceptanceEntity>();
  for (const acceptance of acceptances) latest.set(acceptance.findingId, acceptance);
  return findings.map((finding) => toFinding(finding, latest.get(finding.id) ?? null));
}

/**
 * The newest date in the data: the report's "as of", its PDF creation date and the day evidence
 * staleness is judged on. Taken from the data, never the clock, so a rebuild gives the same bytes.
 */
export function latestDate(rows: ReportRows): Date {
  const { assessment, decision } = rows;
  const dates = [
    assessment.sentAt,
    assessment.submittedAt,
    assessment.decidedAt,
    ...rows.trail.events.map((event) => event.occurredAt),
    ...rows.evidence.map((evidence) => evidence.createdAt),
    ...rows.responses.map((response) => response.answeredAt),
    ...rows.findings.map((finding) => finding.updatedAt),
    ...rows.acceptances.map((acceptance) => acceptance.lapsedAt ?? acceptance.createdAt),
    ...rows.conditions.map((condition) => condition.updatedAt),
    ...rows.steps.map((step) => step.createdAt),
    ...rows.validations.map((run) => run.finishedAt),
    decision?.finalisedAt ?? decision?.createdAt ?? null,
  ].filter((date): date is Date => date instanceof Date);
  return new Date(dates.reduce((latest, date) => Math.max(latest, date.getTime()), 0));
}

/** The score as submitted; computed from the answers when none was stored. */
function scoreOf(rows: ReportRows, questions: AssessmentQuestions, answers: ReportAnswer[]) {
  const { assessment } = rows;
  if (assessment.score) return assessment.score;
  const stored = Object.fromEntries(answers.map((a) => [a.questionId, a]));
  return scoreAssessment({ inherentTier: assessment.inherentTier, domains: questions.domains, questions: questions.questions, answers: stored, intake: intakeScope(assessment.intake) });
}

export function reportDataOf(rows: ReportRows, questions: AssessmentQuestions): ReportData {
  const { assessment } = rows;
  const answers = rows.responses.map(toAnswer);
  return {
    asOf: latestDate(rows),
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
    decision: decisionOf(rows),
    score: scoreOf(rows, questions, answers),
    domains: questions.domains.map(({ id, title }) => ({ id, title })),
    questions: questions.questions.map(toQuestion),
    answers,
    findings: findingsOf(rows),
    evidence: rows.evidence.map(toEvidence),
    validations: rows.validations.map(toValidationRun),
    audit: rows.trail.events,
    auditTotal: rows.trail.total,
  };
}
