/**
 * A table with wrapped cells: each row is as tall as its tallest cell, a row is never split
 * across pages, and the header row is repeated on every page the table continues on.
 */
import { bottomOf, COLOR, CONTENT_WIDTH, fitsOnLine, fittingLine, FONT, LEFT, SIZE, type Doc } from './layout.js';
import { clip, pdfText } from './text.js';

export interface Column {
  header: string;
  /** A share of the content width; the shares of a table add up to 1. */
  share: number;
  mono?: boolean;
}

const PAD = 3;
/** A cell holds at most this much text, so that one row always fits on a page. */
const MAX_CELL = 700;

function cellFont(doc: Doc, column: Column, header: boolean): void {
  doc.font(header ? FONT.bold : column.mono ? FONT.mono : FONT.regular).fontSize(header ? SIZE.small : column.mono ? 7.5 : SIZE.small);
}

/** The height of a cell's text; a short one-line cell is measured by its width alone, which is cheaper. */
function cellHeight(doc: Doc, text: string, width: number): number {
  return fitsOnLine(doc, text, width) ? doc.currentLineHeight(true) : doc.heightOfString(text, { width });
}

const cellWidth = (column: Column) => column.share * CONTENT_WIDTH - 2 * PAD;

function rowHeight(doc: Doc, columns: readonly Column[], cells: readonly string[], header: boolean): number {
  let height = 0;
  columns.forEach((column, i) => {
    cellFont(doc, column, header);
    height = Math.max(height, cellHeight(doc, cells[i] || ' ', cellWidth(column)));
  });
  return height + 2 * PAD;
}

function drawRow(doc: Doc, columns: readonly Column[], cells: readonly string[], height: number, header: boolean, shaded: boolean): void {
  const y = doc.y;
  if (header || shaded) doc.rect(LEFT, y, CONTENT_WIDTH, height).fill(header ? COLOR.rule : COLOR.band);
  doc.fillColor(COLOR.text);
  let x = LEFT;
  columns.forEach((column, i) => {
    cellFont(doc, column, header);
    const text = cells[i] || ' ';
    if (fitsOnLine(doc, text, cellWidth(column))) fittingLine(doc, text, x + PAD, y + PAD, cellWidth(column));
    else doc.text(text, x + PAD, y + PAD, { width: cellWidth(column) });
    x += column.share * CONTENT_WIDTH;
  });
  doc.x = LEFT;
  doc.y = y + height;
}

export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[]): void {
  const headers = columns.map((column) => pdfText(column.header));
  const headerHeight = rowHeight(doc, columns, headers, true);
  const prepared = rows.map((row) => row.map((cell) => pdfText(clip(cell, MAX_CELL))));
  if (doc.y + headerHeight + 20 > bottomOf(doc)) doc.addPage();
  drawRow(doc, columns, headers, headerHeight, true, false);
  prepared.forEach((cells, index) => {
    const height = rowHeight(doc, columns, cells, false);
    if (doc.y + height > bottomOf(doc)) {
      doc.addPage();
      drawRow(doc, columns, headers, headerHeight, true, false);
    }
    drawRow(doc, columns, cells, height, false, index % 2 === 1);
  });
  doc.moveDown(0.6);
}
