/**
 * The evidence inventory: each document with its SHA-256 (so a reader can check a copy), its
 * dates, and whether it was current on the report's date.
 */
import { freshness, maxAgeFor, type Freshness } from '../../domain/evidence-staleness.js';
import type { ReportData, ReportEvidence } from '../report-data.js';
import { COLOR, CONTENT_WIDTH, ensureSpace, FONT, LEFT, note, oneLine, paragraph, RISK_COLOR, SIZE, type Doc } from './layout.js';
import { formatBytes, formatDay, listOrDash } from './text.js';

const STATE_COLOR: Record<Freshness['state'], string> = {
  current: RISK_COLOR.low,
  undated: RISK_COLOR.moderate,
  stale: RISK_COLOR.high,
  expired: RISK_COLOR.severe,
};

export interface InventoryItem {
  evidence: ReportEvidence;
  freshness: Freshness;
}

/** Each document with its freshness on the report's date, judged by its linked questions' age limits. */
export function inventory(data: ReportData): InventoryItem[] {
  const questions = new Map(data.questions.map((q) => [q.id, q]));
  return data.evidence.map((evidence) => ({
    evidence,
    freshness: freshness({ documentDate: evidence.documentDate, expiresAt: evidence.expiresAt, maxAgeMonths: maxAgeFor(evidence.questionIds, questions) }, data.asOf),
  }));
}

function drawItem(doc: Doc, { evidence, freshness: fresh }: InventoryItem): void {
  ensureSpace(doc, 62);
  const top = doc.y;
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOR.text);
  oneLine(doc, evidence.name, LEFT, top, CONTENT_WIDTH - 80);
  doc.fontSize(SIZE.small).fillColor(STATE_COLOR[fresh.state]);
  oneLine(doc, fresh.state.toUpperCase(), LEFT + CONTENT_WIDTH - 80, top, 80, 'right');
  doc.font(FONT.mono).fontSize(7.5).fillColor(COLOR.text);
  oneLine(doc, `SHA-256 ${evidence.sha256}`, LEFT, top + 13, CONTENT_WIDTH);
  const details = [
    `${evidence.mediaType}, ${formatBytes(evidence.size)}`,
    `document date ${evidence.documentDate ?? 'not given'}`,
    `expires ${evidence.expiresAt ?? 'not given'}`,
    `uploaded ${formatDay(evidence.uploadedAt)}`,
    `questions ${listOrDash(evidence.questionIds)}`,
    ...(evidence.review ? [reviewText(evidence.review)] : []),
  ].join(' | ');
  doc.y = top + 24;
  doc.x = LEFT;
  paragraph(doc, details, { size: SIZE.small, color: COLOR.muted });
  if (fresh.reasons.length) paragraph(doc, fresh.reasons.join('; '), { size: SIZE.small, color: STATE_COLOR[fresh.state] });
  const y = doc.y + 4;
  doc.moveTo(LEFT, y).lineTo(LEFT + CONTENT_WIDTH, y).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
  doc.y = y + 6;
}

function reviewText(review: NonNullable<ReportEvidence['review']>): string {
  if (review.status === 'pending') return 'not reviewed';
  return review.reason ? `${review.status}: ${review.reason}` : review.status;
}

export function drawEvidence(doc: Doc, data: ReportData): void {
  const items = inventory(data);
  if (items.length === 0) {
    note(doc, 'No evidence was uploaded.');
    return;
  }
  const counts = (['current', 'stale', 'expired', 'undated'] as const).map((state) => `${items.filter((i) => i.freshness.state === state).length} ${state}`);
  paragraph(doc, `${items.length} ${items.length === 1 ? 'document' : 'documents'} on ${formatDay(data.asOf)}: ${counts.join(', ')}. A document is stale when it is older than the age limit of a question it supports, expired past its expiry date.`);
  doc.moveDown(0.6);
  for (const item of items) drawItem(doc, item);
}
