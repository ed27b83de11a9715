/**
 * Everything a due-diligence report shows, gathered once from the database. The PDF is drawn
 * from this alone: no clock, no random ids, no lookups while drawing, so the same data gives the
 * same bytes. The report's own id is deliberately not here.
 */
import type { Answers, AnswerValue } from '../domain/answer-conditions.js';
import type { AssessmentState, DecisionOutcome } from '../domain/assessment-state.js';
import type { EvidenceRequest, QuestionOption, QuestionType } from '../domain/questionnaire-template.js';
import type { ResidualRisk, ScoreResult } from '../domain/scoring.js';
import type { EuAiActCategory, Tier } from '../domain/tiering.js';
import type { ReportValidationRun } from '../validation/report/validation-section.js';

export interface ReportAssessment {
  id: string;
  cycle: number;
  status: AssessmentState;
  trigger: string;
  dueDate: string;
  sentAt: Date | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  questionnaires: { key: string; version: string }[];
}

export interface ReportVendor {
  legalName: string;
  country: string;
  website: string | null;
}

export interface ReportAiSystem {
  name: string;
  modelVersion: string;
  modelType: string;
  hosting: string;
  dataRegions: string[];
  foundationModelProviders: string[];
}

export interface ReportIntake {
  useCase: string;
  businessOwner: string | null;
  inherentTier: Tier;
  euAiActCategory: EuAiActCategory;
  reasons: string[];
  /** The `intake.*` fields the questionnaire's conditions read. */
  scope: Answers;
}

export interface ReportCondition {
  text: string;
  dueDate: string;
  status: string;
}

export interface ReportDecisionStep {
  step: string;
  outcome: DecisionOutcome;
  actorName: string;
  rationale: string;
  at: Date;
}

export interface ReportDecision {
  outcome: DecisionOutcome;
  /** `pending_confirmation` until a second risk manager confirms (critical tier or severe residual); `void` when set aside. */
  status: string;
  rationale: string;
  proposedBy: string;
  confirmedBy: string | null;
  confirmationRationale: string | null;
  /** Every proposal, confirmation, disagreement and voiding on the assessment, oldest first. */
  steps: ReportDecisionStep[];
  residualRisk: ResidualRisk;
  controlScore: number | null;
  validUntil: string | null;
  decidedAt: Date;
  conditions: ReportCondition[];
}

export interface ReportAcceptance {
  rationale: string;
  compensatingControls: string | null;
  expiresAt: string;
  lapsedAt: Date | null;
}

export interface ReportFinding {
  title: string;
  description: string;
  severity: string;
  status: string;
  source: string;
  questionIds: string[];
  dueDate: string | null;
  remediationPlan: string | null;
  acceptance: ReportAcceptance | null;
}

export interface ReportEvidence {
  name: string;
  sha256: string;
  size: number;
  mediaType: string;
  documentDate: string | null;
  expiresAt: string | null;
  questionIds: string[];
  uploadedAt: Date;
  /** The reviewer's verdict; absent where the data predates evidence review. */
  review?: { status: string; reason: string | null };
}

export interface ReportQuestion {
  id: string;
  questionnaire: string;
  domain: string | null;
  text: string;
  type: QuestionType;
  options: QuestionOption[];
  mapsTo: string[];
  /** What documents are expected; `maxAgeMonths` makes older ones stale. */
  evidence?: EvidenceRequest;
}

export interface ReportAnswer {
  questionId: string;
  value: AnswerValue;
  comment: string | null;
  notApplicable: boolean;
  notApplicableReason: string | null;
}

export interface ReportAuditEvent {
  occurredAt: Date;
  actorRole: string | null;
  action: string;
  entityType: string;
}

export interface ReportData {
  /** The data's own latest date: the PDF's creation date and the day staleness is judged on. */
  asOf: Date;
  assessment: ReportAssessment;
  vendor: ReportVendor;
  aiSystem: ReportAiSystem;
  intake: ReportIntake;
  decision: ReportDecision | null;
  score: ScoreResult;
  domains: { id: string; title: string }[];
  questions: ReportQuestion[];
  answers: ReportAnswer[];
  findings: ReportFinding[];
  evidence: ReportEvidence[];
  /** The AI system's finished validation runs shown: the latest classification, then the latest generative one. */
  validations: ReportValidationRun[];
  /** The newest events of the assessment's trail, oldest first. */
  audit: ReportAuditEvent[];
  /** All events of the trail, of which `audit` is the excerpt. */
  auditTotal: number;
}
