/**
 * A made-up but realistic ReportData of any size, for the report benchmark and the PDF tests:
 * every value is derived from its index, so the same size always gives the same data.
 */
import { scoreAssessment } from '../../src/domain/scoring.js';
import type { Question, TemplateDomain } from '../../src/domain/questionnaire-template.js';
import type { ReportData, ReportEvidence, ReportFinding, ReportQuestion } from '../../src/reports/report-data.js';

export interface SampleSize {
  domains: number;
  questions: number;
  findings: number;
  evidence: number;
  auditEvents: number;
}

/** About forty pages. */
export const FORTY_PAGES: SampleSize = { domains: 12, questions: 250, findings: 60, evidence: 40, auditEvents: 300 };

const AS_OF = new Date('2025-06-30T14:05:00Z');
const FRAMEWORK_REFS = ['nist-ai-rmf:GOVERN-6.1', 'nist-ai-rmf:MAP-4.1', 'eu-ai-act:Art.13', 'eu-ai-act:Art.26(5)', 'iso-42001:A.10.3', 'owasp-llm-2025:LLM01', 'gdpr:Art.28(3)(a)', 'dora:Art.30'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const STATUSES = ['open', 'remediation_planned', 'accepted', 'closed'];
const hex = (n: number) => (n * 2654435761).toString(16).padStart(8, '0').slice(-8).repeat(8);

function sampleQuestion(i: number, domains: number): ReportQuestion & Question {
  const kind = i % 4;
  return {
    id: `Q-${String(i + 1).padStart(3, '0')}`,
    questionnaire: 'ai-due-diligence-core',
    domain: `d${i % domains}`,
    text: `Does the vendor document control ${i + 1} for the model lifecycle, including who approves changes, how they are tested before release and how customers are told about them?`,
    type: kind === 0 ? 'text' : kind === 1 ? 'boolean' : 'single_choice',
    required: true,
    weight: 1 + (i % 3),
    options:
      kind === 1
        ? [
            { value: true, label: 'Yes', points: 1 },
            { value: false, label: 'No', points: 0 },
          ]
        : kind >= 2
          ? [
              { value: 'full', label: 'Fully in place', points: 1 },
              { value: 'partial', label: 'Partly in place', points: 0.5 },
              { value: 'none', label: 'Not in place', points: 0 },
            ]
          : [],
    mapsTo: [FRAMEWORK_REFS[i % FRAMEWORK_REFS.length], FRAMEWORK_REFS[(i * 3) % FRAMEWORK_REFS.length]],
    evidence: i % 10 === 0 ? { expected: ['policy'], required: false, maxAgeMonths: 12 } : undefined,
  };
}

function sampleValue(question: Question, i: number) {
  if (question.type === 'boolean') return i % 5 !== 0;
  if (question.type === 'single_choice') return ['full', 'partial', 'none'][i % 3];
  return `The vendor runs a documented change process: each model release is reviewed by the model risk committee, tested against a frozen benchmark set, and announced to customers thirty days ahead. Case ${i + 1}.`;
}

function sampleFinding(i: number): ReportFinding {
  return {
    title: `Finding ${i + 1}: change management evidence is incomplete`,
    description: 'The release notes do not show who approved the change or which tests ran before it.',
    severity: SEVERITIES[i % 4],
    status: STATUSES[i % 4],
    source: i % 3 === 0 ? 'knockout' : 'manual',
    questionIds: [`Q-${String((i % 150) + 1).padStart(3, '0')}`],
    dueDate: '2025-09-30',
    remediationPlan: i % 2 ? 'Publish approvals with each release.' : null,
    acceptance: STATUSES[i % 4] === 'accepted' ? { rationale: 'Compensated by our own release testing.', compensatingControls: 'Shadow testing for two weeks', expiresAt: '2026-03-31', lapsedAt: null } : null,
  };
}

function sampleEvidence(i: number): ReportEvidence {
  return {
    name: `Evidence document ${i + 1} - model card and validation report.pdf`,
    sha256: hex(i + 1),
    size: 50_000 + i * 1234,
    mediaType: 'application/pdf',
    documentDate: i % 3 === 0 ? '2023-01-15' : '2025-02-01',
    expiresAt: i % 4 === 0 ? '2025-05-31' : null,
    questionIds: [`Q-${String(((i * 10) % 150) + 1).padStart(3, '0')}`],
    uploadedAt: new Date(AS_OF.getTime() - (i + 1) * 3_600_000),
  };
}

export function sampleReportData(size: SampleSize = FORTY_PAGES): ReportData {
  const domains: TemplateDomain[] = Array.from({ length: size.domains }, (_, i) => ({ id: `d${i}`, title: `Domain ${i + 1}: ${['Governance', 'Data', 'Security', 'Fairness', 'Transparency'][i % 5]}`, weight: 1 + (i % 3) }));
  const questions = Array.from({ length: size.questions }, (_, i) => sampleQuestion(i, size.domains));
  const answers = questions.map((q, i) => ({ questionId: q.id, value: i % 17 === 0 ? null : sampleValue(q, i), comment: i % 6 === 0 ? 'See the attached policy, section 4.' : null, notApplicable: i % 17 === 0, notApplicableReason: i % 17 === 0 ? 'The system does not retrain on customer data.' : null }));
  const stored = Object.fromEntries(answers.map((a) => [a.questionId, { value: a.value, notApplicable: a.notApplicable }]));
  const score = scoreAssessment({ inherentTier: 'high', domains, questions, answers: stored });
  return {
    asOf: AS_OF,
    assessment: { id: '00000000-0000-4000-8000-000000000001', cycle: 2, status: 'in_review', trigger: 'scheduled', dueDate: '2025-07-15', sentAt: new Date('2025-05-01T09:00:00Z'), submittedAt: new Date('2025-06-20T16:30:00Z'), decidedAt: null, questionnaires: [{ key: 'ai-due-diligence-core', version: '1.2.0' }] },
    vendor: { legalName: 'Example Analytics GmbH', country: 'DE', website: 'https://analytics.example' },
    aiSystem: { name: 'Credit Pre-Screen', modelVersion: '4.2.1', modelType: 'predictive', hosting: 'vendor_saas', dataRegions: ['EU'], foundationModelProviders: [] },
    intake: { useCase: 'Pre-screen consumer credit applications before a credit officer reviews them.', businessOwner: 'Retail Lending', inherentTier: 'high', euAiActCategory: 'high_risk', reasons: ['Creditworthiness of natural persons (Annex III 5(b))'], scope: { 'intake.annex_iii_area': 'essential_services_credit', 'intake.eu_ai_act_category': 'high_risk' } },
    decision: null,
    score,
    domains: domains.map(({ id, title }) => ({ id, title })),
    questions,
    answers,
    findings: Array.from({ length: size.findings }, (_, i) => sampleFinding(i)),
    evidence: Array.from({ length: size.evidence }, (_, i) => sampleEvidence(i)),
    audit: Array.from({ length: size.auditEvents }, (_, i) => ({ occurredAt: new Date(AS_OF.getTime() - (size.auditEvents - i) * 60_000), actorRole: ['vendor', 'risk_manager', 'procurement'][i % 3], action: ['responses.saved', 'evidence.uploaded', 'assessment.submitted'][i % 3], entityType: 'assessment' })),
    auditTotal: size.auditEvents + 25,
    validations: [],
  };
}
