/**
 * The report's page and its primitives: A4 with fixed margins, the built-in Helvetica family
 * (nothing is fetched or embedded), headings, paragraphs, label/value rows and the place where a
 * section records the page it starts on, for the table of contents.
 */
import { pdfText } from './text.js';

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89, margin: 56, footerGap: 30 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const LEFT = PAGE.margin;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' } as const;
export const SIZE = { title: 24, h1: 16, h2: 12, body: 9.5, small: 8 } as const;

export const COLOR = {
  text: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  band: '#eef2f6',
  accent: '#1f4e79',
} as const;

/** Risk and band colours: green for good, through amber, to red. */
export const RISK_COLOR: Record<string, string> = {
  low: '#2f855a',
  moderate: '#b7791f',
  medium: '#b7791f',
  high: '#c05621',
  severe: '#c53030',
  critical: '#c53030',
};

/** A document being drawn, the page each contents entry starts on, and the section's bookmark. */
export interface Drawing {
  doc: Doc;
  marks: Map<string, number>;
  section?: PDFKit.PDFOutline;
}

export function pageNumber(doc: Doc): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

export function bottomOf(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when less than `height` is left on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

/** Records that the contents entry `key` (a part of the current section) starts here; also a bookmark. */
export function mark(drawing: Drawing, key: string, title: string): void {
  drawing.marks.set(key, pageNumber(drawing.doc));
  (drawing.section ?? drawing.doc.outline).addItem(pdfText(title));
}

/** A numbered section on a page of its own. */
export function startSection(drawing: Drawing, key: string, title: string): void {
  const { doc } = drawing;
  doc.addPage();
  drawing.marks.set(key, pageNumber(doc));
  drawing.section = doc.outline.addItem(pdfText(title));
  doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOR.accent).text(pdfText(title), LEFT, doc.y, { width: CONTENT_WIDTH });
  const y = doc.y + 4;
  doc.moveTo(LEFT, y).lineTo(LEFT + CONTENT_WIDTH, y).lineWidth(0.8).strokeColor(COLOR.accent).stroke();
  doc.y = y + 10;
}

export function subheading(doc: Doc, title: string): void {
  ensureSpace(doc, 48);
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(SIZE.h2).fillColor(COLOR.text).text(pdfText(title), LEFT, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

export interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  indent?: number;
}

/** Wrapped text across the content width; long text flows onto the next pages. */
export function paragraph(doc: Doc, text: string, style: TextStyle = {}): void {
  const indent = style.indent ?? 0;
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(style.size ?? SIZE.body)
    .fillColor(style.color ?? COLOR.text)
    .text(pdfText(text), LEFT + indent, doc.y, { width: CONTENT_WIDTH - indent, lineGap: 1.5 });
}

export function note(doc: Doc, text: string): void {
  paragraph(doc, text, { font: FONT.italic, size: SIZE.small, color: COLOR.muted });
}

const LABEL_WIDTH = 150;

/** A label/value pair up to this tall stays on one page; a longer value flows on. */
const KEEP_TOGETHER = 120;

/** Label and value side by side, the value wrapped. */
export function labelled(doc: Doc, rows: readonly (readonly [string, string])[]): void {
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 8;
  for (const [label, raw] of rows) {
    const value = pdfText(raw);
    doc.font(FONT.regular).fontSize(SIZE.body);
    const height = Math.max(doc.heightOfString(value, { width: valueWidth, lineGap: 1.5 }), 12);
    ensureSpace(doc, Math.min(height, KEEP_TOGETHER) + 4);
    const [y, page] = [doc.y, pageNumber(doc)];
    doc.font(FONT.bold).fillColor(COLOR.muted).text(pdfText(label), LEFT, y, { width: LABEL_WIDTH });
    doc.font(FONT.regular).fillColor(COLOR.text).text(value, LEFT + LABEL_WIDTH + 8, y, { width: valueWidth, lineGap: 1.5 });
    doc.x = LEFT;
    // A value longer than a page flowed on: its end, not the label, is where the next row goes.
    doc.y = (pageNumber(doc) === page ? Math.max(doc.y, y + 12) : doc.y) + 4;
  }
}

export type Align = 'left' | 'right' | 'center';

/** Whether `text` (made printable) fits on one line of `width` in the current font. */
export function fitsOnLine(doc: Doc, text: string, width: number): boolean {
  return !text.includes('\n') && doc.widthOfString(text) <= width;
}

/**
 * Text known to fit on one line, placed without pdfkit's line wrapper: most cells and labels
 * are short, and the wrapper would measure every word again.
 */
export function fittingLine(doc: Doc, text: string, x: number, y: number, width: number, align: Align = 'left'): void {
  const room = align === 'left' ? 0 : width - doc.widthOfString(text);
  doc.text(text, x + (align === 'right' ? room : align === 'center' ? room / 2 : 0), y, { lineBreak: false });
}

/**
 * Text on a single line at (x, y) in the current font: what does not fit ends in an ellipsis.
 * (pdfkit wraps any text given a width, `lineBreak: false` or not; a one-line height stops it.)
 */
export function oneLine(doc: Doc, raw: string, x: number, y: number, width: number, align: Align = 'left'): void {
  const text = pdfText(raw);
  if (fitsOnLine(doc, text, width)) fittingLine(doc, text, x, y, width, align);
  else doc.text(text, x, y, { width, height: doc.currentLineHeight(true), ellipsis: true, align });
}

/** A coloured label, e.g. a risk rating, drawn at the current line. */
export function badge(doc: Doc, text: string, color: string, x: number, y: number): number {
  doc.font(FONT.bold).fontSize(SIZE.small);
  const label = pdfText(text.toUpperCase());
  const width = doc.widthOfString(label) + 10;
  doc.roundedRect(x, y, width, 14, 3).fill(color);
  doc.fillColor('#ffffff');
  oneLine(doc, label, x + 5, y + 3.5, width - 10);
  doc.fillColor(COLOR.text);
  return width;
}
