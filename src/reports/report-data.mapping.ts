/** Rows as a report shows them: only what the PDF needs, with numbers as numbers. */
import type { ResponseEntity } from '../assessments/response.entity.js';
import type { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { ConditionEntity } from '../decisions/condition.entity.js';
import type { DecisionEntity } from '../decisions/decision.entity.js';
import type { Question } from '../domain/questionnaire-template.js';
import type { EvidenceEntity } from '../evidence/evidence.entity.js';
import type { FindingEntity } from '../findings/finding.entity.js';
import type { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import type { IntakeEntity } from '../intakes/intake.entity.js';
import type { ReportAiSystem, ReportAnswer, ReportData, ReportEvidence, ReportFinding, ReportIntake, ReportQuestion } from './report-data.js';

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

interface Dated {
  findings: FindingEntity[];
  acceptances: RiskAcceptanceEntity[];
  decision: DecisionEntity | null;
  conditions: ConditionEntity[];
}

/**
 * The newest date in the data: the report's "as of", its PDF creation date and the day evidence
 * staleness is judged on. Taken from the data, never the clock, so a rebuild gives the same bytes.
 */
export function latestDate(data: Omit<ReportData, 'asOf'>, responses: readonly ResponseEntity[], dated: Dated): Date {
  const dates = [
    data.assessment.sentAt,
    data.assessment.submittedAt,
    data.assessment.decidedAt,
    ...data.audit.map((event) => event.occurredAt),
    ...data.evidence.map((evidence) => evidence.uploadedAt),
    ...responses.map((response) => response.answeredAt),
    ...dated.findings.map((finding) => finding.updatedAt),
    ...dated.acceptances.map((acceptance) => acceptance.lapsedAt ?? acceptance.createdAt),
    ...dated.conditions.map((condition) => condition.updatedAt),
    dated.decision?.finalisedAt ?? dated.decision?.createdAt ?? null,
  ].filter((date): date is Date => date instanceof Date);
  return new Date(dates.reduce((latest, date) => Math.max(latest, date.getTime()), 0));
}
