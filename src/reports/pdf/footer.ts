/** The line at the foot of every page: what the report is about, and "Page n of m". */
import { COLOR, CONTENT_WIDTH, FONT, LEFT, oneLine, PAGE, SIZE, type Doc } from './layout.js';

export function pageLabel(page: number, pages: number): string {
  return `Page ${page} of ${pages}`;
}

export function drawFooters(doc: Doc, subject: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin pdfkit would start a new page; the footer lives there.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = PAGE.height - PAGE.margin + 12;
    doc.moveTo(LEFT, y - 6).lineTo(LEFT + CONTENT_WIDTH, y - 6).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    oneLine(doc, subject, LEFT, y, CONTENT_WIDTH - 100);
    oneLine(doc, pageLabel(index + 1, count), LEFT + CONTENT_WIDTH - 90, y, 90, 'right');
    doc.page.margins.bottom = margin;
  }
}
