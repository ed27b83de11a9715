/** The line at the foot of every page: what the report is about, and "Page n of m". */
import { COLOR, CONTENT_WIDTH, FONT, LEFT, PAGE, SIZE, type Doc } from './layout.js';
import { pdfText } from './text.js';

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
    doc.text(pdfText(subject), LEFT, y, { width: CONTENT_WIDTH - 90, lineBreak: false, ellipsis: true });
    doc.text(pageLabel(index + 1, count), LEFT + CONTENT_WIDTH - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
