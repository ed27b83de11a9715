/** The executive summary: the system, its tier, the decision and why, residual risk, conditions. */
import { bandOf } from '../../domain/scoring.js';
import type { ReportData } from '../report-data.js';
import { labelled, note, paragraph, subheading, type Doc } from './layout.js';
import { table } from './table.js';
import { formatInstant, listOrDash, scoreWithKnockouts, words } from './text.js';

function systemRows(data: ReportData): [string, string][] {
  const { vendor, aiSystem, intake } = data;
  return [
    ['Vendor', `${vendor.legalName} (${vendor.country})${vendor.website ? `, ${vendor.website}` : ''}`],
    ['AI system', aiSystem.name],
    ['Version', aiSystem.modelVersion],
    ['Model type', words(aiSystem.modelType)],
    ['Hosting', words(aiSystem.hosting)],
    ['Data regions', listOrDash(aiSystem.dataRegions)],
    ['Foundation-model providers', listOrDash(aiSystem.foundationModelProviders)],
    ['Use case', intake.useCase],
    ['Business owner', intake.businessOwner ?? '-'],
    ['Inherent tier', intake.inherentTier],
    ['EU AI Act category', words(intake.euAiActCategory)],
  ];
}

function decisionRows(data: ReportData): [string, string][] {
  const { decision, score } = data;
  const controlScore = decision ? decision.controlScore : score.controlScore;
  const residual: [string, string][] = [
    ['Control score', `${scoreWithKnockouts(controlScore, score.knockouts)}${controlScore === null ? '' : ` (${bandOf(controlScore)} band)`}`],
    ['Residual risk', decision?.residualRisk ?? score.residualRisk],
  ];
  if (!decision) return [['Decision', 'Not decided yet'], ...residual];
  return [
    ['Decision', words(decision.outcome)],
    ['Decision status', words(decision.status)],
    ['Proposed by', decision.proposedBy],
    ['Confirmed by', decision.confirmedBy ?? '-'],
    ['Decided', formatInstant(decision.decidedAt)],
    ['Valid until', decision.validUntil ?? '-'],
    ...residual,
  ];
}

function countsBySeverity(data: ReportData): string {
  const order = ['critical', 'high', 'medium', 'low'];
  const counts = order.map((severity) => [severity, data.findings.filter((f) => f.severity === severity).length] as const).filter(([, n]) => n > 0);
  return counts.length ? counts.map(([severity, n]) => `${n} ${severity}`).join(', ') : 'none';
}

export function drawSummary(doc: Doc, data: ReportData): void {
  subheading(doc, 'The AI system and its use');
  labelled(doc, systemRows(data));
  if (data.intake.reasons.length) labelled(doc, [['Why this tier', data.intake.reasons.join('\n')]]);

  subheading(doc, 'Decision');
  labelled(doc, decisionRows(data));
  if (data.decision) drawDecisionRecord(doc, data.decision);
  subheading(doc, 'How the residual risk was reached');
  paragraph(doc, data.score.residualExplanation.join('\n'));
  doc.moveDown(0.4);
  labelled(doc, [
    ['Knockouts', String(data.score.knockouts.length)],
    ['Findings', countsBySeverity(data)],
    ['Evidence files', String(data.evidence.length)],
  ]);

  drawNotApplicable(doc, data);

  subheading(doc, 'Conditions');
  const conditions = data.decision?.conditions ?? [];
  if (conditions.length === 0) {
    note(doc, data.decision ? 'The decision sets no conditions.' : 'Conditions are set with the decision, which has not been taken yet.');
    return;
  }
  table(
    doc,
    [
      { header: 'Condition', share: 0.64 },
      { header: 'Due', share: 0.18 },
      { header: 'Status', share: 0.18 },
    ],
    conditions.map((c) => [c.text, c.dueDate, words(c.status)]),
  );
}

/** Both risk managers' words, and every proposal, confirmation and disagreement before them. */
function drawDecisionRecord(doc: Doc, decision: NonNullable<ReportData['decision']>): void {
  subheading(doc, 'Rationale');
  paragraph(doc, decision.rationale);
  if (decision.confirmationRationale) {
    subheading(doc, `Confirmation by ${decision.confirmedBy ?? 'a second risk manager'}`);
    paragraph(doc, decision.confirmationRationale);
  }
  if (decision.steps.length < 2) return;
  subheading(doc, 'Decision record');
  table(
    doc,
    [
      { header: 'Step', share: 0.14 },
      { header: 'Outcome', share: 0.16 },
      { header: 'By', share: 0.18 },
      { header: 'When', share: 0.18 },
      { header: 'Rationale', share: 0.34 },
    ],
    decision.steps.map((s) => [words(s.step), words(s.outcome), s.actorName, formatInstant(s.at), s.rationale]),
  );
}

/** N/A answers leave the score; the reader sees each one and the vendor's reason. */
function drawNotApplicable(doc: Doc, data: ReportData): void {
  const answers = data.score.notApplicable ?? [];
  subheading(doc, 'Answered not applicable');
  if (answers.length === 0) {
    note(doc, 'No question was answered not applicable.');
    return;
  }
  table(
    doc,
    [
      { header: 'Question', share: 0.2 },
      { header: 'Reason given', share: 0.8 },
    ],
    answers.map((answer) => [answer.questionId, answer.reason ?? 'no reason given']),
  );
}
