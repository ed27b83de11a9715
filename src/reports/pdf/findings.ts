/** Knockouts that fired, and the review's findings with their status and any risk acceptance. */
import type { ReportData, ReportFinding } from '../report-data.js';
import { note, subheading, type Doc } from './layout.js';
import { table } from './table.js';
import { formatAnswer, formatDay, listOrDash, words } from './text.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

function acceptanceOf(finding: ReportFinding): string {
  const acceptance = finding.acceptance;
  if (!acceptance) return '-';
  const state = acceptance.lapsedAt ? `lapsed ${formatDay(acceptance.lapsedAt)}` : `accepted until ${acceptance.expiresAt}`;
  const controls = acceptance.compensatingControls ? ` Compensating controls: ${acceptance.compensatingControls}` : '';
  return `${state}: ${acceptance.rationale}${controls}`;
}

function findingText(finding: ReportFinding): string {
  const parts = [finding.title];
  if (finding.description) parts.push(finding.description);
  if (finding.remediationPlan) parts.push(`Plan: ${finding.remediationPlan}`);
  return parts.join('\n');
}

/** Most severe first; the gathering order (oldest first) within a severity. */
export function bySeverity<T extends { severity: string }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.item.severity) - SEVERITY_ORDER.indexOf(b.item.severity) || a.index - b.index)
    .map(({ item }) => item);
}

export function drawFindings(doc: Doc, data: ReportData): void {
  const questions = new Map(data.questions.map((q) => [q.id, q]));
  subheading(doc, 'Knockouts');
  if (data.score.knockouts.length === 0) note(doc, 'No knockout answer was given.');
  else
    table(
      doc,
      [
        { header: 'Question', share: 0.14 },
        { header: 'Severity', share: 0.12 },
        { header: 'Finding', share: 0.46 },
        { header: 'Answer', share: 0.28 },
      ],
      bySeverity(data.score.knockouts).map((k) => [k.questionId, k.severity, k.finding, formatAnswer(questions.get(k.questionId), k.answer)]),
    );

  subheading(doc, 'Findings');
  if (data.findings.length === 0) {
    note(doc, 'No findings were raised.');
    return;
  }
  table(
    doc,
    [
      { header: 'Finding', share: 0.38 },
      { header: 'Severity', share: 0.1 },
      { header: 'Status', share: 0.13 },
      { header: 'Questions / due', share: 0.14 },
      { header: 'Risk acceptance', share: 0.25 },
    ],
    bySeverity(data.findings).map((f) => [
      findingText(f),
      f.severity,
      `${words(f.status)}\n(${words(f.source)})`,
      `${listOrDash(f.questionIds)}${f.dueDate ? `\ndue ${f.dueDate}` : ''}`,
      acceptanceOf(f),
    ]),
  );
}
