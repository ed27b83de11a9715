/**
 * Domain scores as a horizontal bar chart drawn with vector shapes: one bar per domain on a
 * 0-100 scale, coloured by band, with the band floors (40, 60, 80) as dashed guides.
 */
import { bandOf, type DomainScore } from '../../domain/scoring.js';
import type { ReportData } from '../report-data.js';
import { COLOR, CONTENT_WIDTH, ensureSpace, FONT, LEFT, note, oneLine, paragraph, SIZE, subheading, type Doc } from './layout.js';
import { table } from './table.js';
import { formatScore } from './text.js';

const LABEL_WIDTH = 170;
const VALUE_WIDTH = 44;
const BAR_HEIGHT = 12;
const ROW_HEIGHT = 22;
const BAND_FLOORS = [40, 60, 80];

const BAND_COLOR: Record<string, string> = { strong: '#2f855a', adequate: '#68a357', weak: '#d69e2e', poor: '#c53030' };

function barColor(score: number): string {
  return BAND_COLOR[bandOf(score)];
}

function drawScale(doc: Doc, x: number, width: number, top: number, bottom: number): void {
  doc.font(FONT.regular).fontSize(SIZE.small - 1).fillColor(COLOR.muted);
  for (const tick of [0, ...BAND_FLOORS, 100]) {
    const at = x + (width * tick) / 100;
    if (BAND_FLOORS.includes(tick)) doc.moveTo(at, top).lineTo(at, bottom).lineWidth(0.5).dash(2, { space: 2 }).strokeColor(COLOR.muted).stroke().undash();
    oneLine(doc, String(tick), at - 10, bottom + 3, 20, 'center');
  }
}

function drawBar(doc: Doc, domain: DomainScore, x: number, width: number, y: number): void {
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  oneLine(doc, domain.title, LEFT, y + 1, LABEL_WIDTH - 8);
  doc.rect(x, y, width, BAR_HEIGHT).fill(COLOR.band);
  if (domain.score !== null) doc.rect(x, y, (width * domain.score) / 100, BAR_HEIGHT).fill(barColor(domain.score));
  doc.font(domain.score === null ? FONT.italic : FONT.bold).fontSize(SIZE.small).fillColor(domain.score === null ? COLOR.muted : COLOR.text);
  oneLine(doc, formatScore(domain.score), x + width + 6, y + 2, VALUE_WIDTH);
}

/** The chart; it starts a page of its own when it would not fit on this one. */
export function drawScoreChart(doc: Doc, domains: readonly DomainScore[]): void {
  const x = LEFT + LABEL_WIDTH;
  const width = CONTENT_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 6;
  const perPage = Math.floor((doc.page.height - 2 * doc.page.margins.top - 40) / ROW_HEIGHT);
  for (let start = 0; start < domains.length; start += perPage) {
    const rows = domains.slice(start, start + perPage);
    ensureSpace(doc, rows.length * ROW_HEIGHT + 30);
    const top = doc.y;
    rows.forEach((domain, i) => drawBar(doc, domain, x, width, top + i * ROW_HEIGHT + 4));
    const bottom = top + rows.length * ROW_HEIGHT + 4;
    drawScale(doc, x, width, top, bottom);
    doc.x = LEFT;
    doc.y = bottom + 20;
  }
}

export function drawScores(doc: Doc, data: ReportData): void {
  const { score } = data;
  paragraph(doc, `Control score ${formatScore(score.controlScore)}${score.band ? ` (${score.band} band)` : ''}, the weighted mean of the domain scores below. Bands: strong from 80, adequate from 60, weak from 40, poor below.`);
  doc.moveDown(0.6);
  if (score.domains.length === 0) {
    note(doc, 'The questionnaires of this assessment have no scored domains.');
    return;
  }
  drawScoreChart(doc, score.domains);
  subheading(doc, 'Domain weights and counted questions');
  table(
    doc,
    [
      { header: 'Domain', share: 0.46 },
      { header: 'Weight', share: 0.12 },
      { header: 'Score', share: 0.12 },
      { header: 'Questions counted', share: 0.3 },
    ],
    score.domains.map((domain) => {
      const counted = domain.explanation.filter((line) => line.contribution !== null).length;
      return [domain.title, String(domain.weight), formatScore(domain.score), `${counted} of ${domain.explanation.length}`];
    }),
  );
}
