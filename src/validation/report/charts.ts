/** Small vector charts of a validation run: a unit-square plot (ROC, calibration) and labelled bars. */
import { COLOR, CONTENT_WIDTH, ensureSpace, FONT, LEFT, oneLine, SIZE, type Doc } from '../../reports/pdf/layout.js';

const PLOT = 150;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 50;
const ROW = 18;

/** A 0..1 × 0..1 plot with the diagonal dashed; `line` joins the points, otherwise they are dots. */
export function unitPlot(doc: Doc, points: readonly (readonly [number, number])[], axes: [string, string], line: boolean): void {
  ensureSpace(doc, PLOT + 40);
  const [x0, top] = [LEFT + 30, doc.y + 6];
  const y0 = top + PLOT;
  const at = ([x, y]: readonly [number, number]): [number, number] => [x0 + x * PLOT, y0 - y * PLOT];
  doc.rect(x0, top, PLOT, PLOT).lineWidth(0.5).strokeColor(COLOR.muted).stroke();
  doc.moveTo(x0, y0).lineTo(x0 + PLOT, top).dash(2, { space: 2 }).strokeColor(COLOR.muted).stroke().undash();
  if (line && points.length > 1) {
    doc.moveTo(...at(points[0]));
    for (const point of points.slice(1)) doc.lineTo(...at(point));
    doc.lineWidth(1.2).strokeColor(COLOR.accent).stroke();
  } else {
    for (const point of points) doc.circle(...at(point), 2).fill(COLOR.accent);
  }
  doc.font(FONT.regular).fontSize(SIZE.small - 1).fillColor(COLOR.muted);
  oneLine(doc, '0', x0 - 10, y0 - 4, 8);
  oneLine(doc, '1', x0 - 10, top - 3, 8);
  oneLine(doc, axes[0], x0, y0 + 4, PLOT, 'center');
  doc.save().rotate(-90, { origin: [x0 - 14, y0] });
  oneLine(doc, axes[1], x0 - 14, y0 - 6, PLOT, 'center');
  doc.restore();
  doc.x = LEFT;
  doc.y = y0 + 20;
}

export interface Bar {
  label: string;
  value: number | null;
  text: string;
}

/** Horizontal bars on a 0..max scale with dashed guides (e.g. the four-fifths line) at `guides`. */
export function barChart(doc: Doc, bars: readonly Bar[], max: number, guides: readonly { at: number; label: string }[]): void {
  const x = LEFT + LABEL_WIDTH;
  const width = CONTENT_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  ensureSpace(doc, bars.length * ROW + 30);
  const top = doc.y + 4;
  bars.forEach((bar, i) => {
    const y = top + i * ROW;
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    oneLine(doc, bar.label, LEFT, y + 1, LABEL_WIDTH - 8);
    doc.rect(x, y, width, 11).fill(COLOR.band);
    if (bar.value !== null && max > 0) doc.rect(x, y, (width * Math.min(bar.value, max)) / max, 11).fill(COLOR.accent);
    doc.font(FONT.bold).fontSize(SIZE.small).fillColor(COLOR.text);
    oneLine(doc, bar.text, x + width + 6, y + 2, VALUE_WIDTH - 6);
  });
  const bottom = top + bars.length * ROW;
  doc.font(FONT.regular).fontSize(SIZE.small - 1);
  let labelledUpTo = -Infinity;
  for (const guide of guides.filter((g) => max > 0 && g.at <= max)) {
    const at = x + (width * guide.at) / max;
    doc.moveTo(at, top - 2).lineTo(at, bottom).lineWidth(0.7).dash(2, { space: 2 }).strokeColor(COLOR.muted).stroke().undash();
    // Guides close together share the first one's label rather than print over each other.
    const half = doc.widthOfString(guide.label) / 2 + 3;
    if (at - half < labelledUpTo) continue;
    doc.fillColor(COLOR.muted);
    oneLine(doc, guide.label, at - 40, bottom + 3, 80, 'center');
    labelledUpTo = at + half;
  }
  doc.x = LEFT;
  doc.y = bottom + 18;
}
