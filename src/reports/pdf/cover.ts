/** The cover: who and what was assessed, the outcome at a glance, and as of when. */
import type { ReportData } from '../report-data.js';
import { badge, COLOR, CONTENT_WIDTH, FONT, LEFT, oneLine, PAGE, RISK_COLOR, SIZE, type Doc } from './layout.js';
import { formatInstant, pdfText, words } from './text.js';

function outcomeOf(data: ReportData): string {
  if (!data.decision) return 'Not decided yet';
  const pending = data.decision.status === 'pending_confirmation' ? ' (awaiting confirmation)' : '';
  return `${words(data.decision.outcome)}${pending}`;
}

function line(doc: Doc, label: string, value: string, y: number): void {
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.muted);
  oneLine(doc, label, LEFT, y, 150);
  doc.font(FONT.regular).fillColor(COLOR.text);
  oneLine(doc, value, LEFT + 150, y, CONTENT_WIDTH - 150);
}

export function drawCover(doc: Doc, data: ReportData): void {
  doc.rect(0, 0, PAGE.width, 220).fill(COLOR.accent);
  doc.font(FONT.regular).fontSize(SIZE.h2).fillColor('#ffffff').text('AI third-party due-diligence report', LEFT, 70, { width: CONTENT_WIDTH });
  doc.font(FONT.bold).fontSize(SIZE.title).text(pdfText(data.vendor.legalName), LEFT, 100, { width: CONTENT_WIDTH, height: 64, ellipsis: true });
  doc.font(FONT.regular).fontSize(SIZE.h2);
  oneLine(doc, `${data.aiSystem.name}, version ${data.aiSystem.modelVersion}`, LEFT, 170, CONTENT_WIDTH);

  let y = 260;
  const rows: [string, string][] = [
    ['Assessment', `Cycle ${data.assessment.cycle} (${words(data.assessment.trigger)}), ${words(data.assessment.status)}`],
    ['Questionnaires', data.assessment.questionnaires.map((q) => `${q.key} ${q.version}`).join(', ')],
    ['Inherent tier', data.intake.inherentTier],
    ['EU AI Act category', words(data.intake.euAiActCategory)],
    ['Decision', outcomeOf(data)],
    ['Submitted', formatInstant(data.assessment.submittedAt)],
    ['Data as of', formatInstant(data.asOf)],
  ];
  for (const [label, value] of rows) {
    line(doc, label, value, y);
    y += 20;
  }
  y += 10;
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.muted);
  oneLine(doc, 'Residual risk', LEFT, y + 3, 150);
  const risk = data.decision?.residualRisk ?? data.score.residualRisk;
  badge(doc, risk, RISK_COLOR[risk] ?? COLOR.muted, LEFT + 150, y);

  doc.font(FONT.italic).fontSize(SIZE.small).fillColor(COLOR.muted);
  doc.text(
    'Internal: this report carries scores, weights and review notes that are never shown to the vendor. It is built from the assessment data as of the date above; the same data always gives the same document.',
    LEFT,
    PAGE.height - PAGE.margin - 60,
    { width: CONTENT_WIDTH },
  );
}
