/**
 * The table of contents. Its pages are reserved before the sections are drawn (how many follows
 * from the entries alone), and filled in at the end, when every section knows its page.
 */
import { COLOR, CONTENT_WIDTH, FONT, LEFT, oneLine, PAGE, SIZE, type Doc } from './layout.js';
import { pdfText } from './text.js';

export interface ContentsEntry {
  key: string;
  title: string;
  /** 0: a section; 1: a part of one (the answers of a domain). */
  level: 0 | 1;
}

const LINE_HEIGHT = 17;
const HEADING_HEIGHT = 40;

/** Lines that fit on a contents page under its heading. */
export const CONTENTS_LINES_PER_PAGE = Math.floor((PAGE.height - 2 * PAGE.margin - PAGE.footerGap - HEADING_HEIGHT) / LINE_HEIGHT);

/**
 * Splits the entries into pages of at most `perPage` lines. A section heading is never the last
 * line of a page when its parts follow: it moves to the next page with them.
 */
export function paginateContents<T extends Pick<ContentsEntry, 'level'>>(entries: readonly T[], perPage: number): T[][] {
  if (perPage < 2) throw new Error('A contents page needs room for at least two lines');
  const pages: T[][] = [];
  let page: T[] = [];
  entries.forEach((entry, index) => {
    const orphan = entry.level === 0 && entries[index + 1]?.level === 1 && page.length === perPage - 1;
    if (page.length === perPage || (orphan && page.length > 0)) {
      pages.push(page);
      page = [];
    }
    page.push(entry);
  });
  if (page.length || pages.length === 0) pages.push(page);
  return pages;
}

function drawEntry(doc: Doc, entry: ContentsEntry, page: number | undefined, y: number): void {
  const indent = entry.level === 0 ? 0 : 16;
  const number = page === undefined ? '' : String(page);
  doc.font(entry.level === 0 ? FONT.bold : FONT.regular).fontSize(entry.level === 0 ? SIZE.body + 0.5 : SIZE.body).fillColor(COLOR.text);
  const numberWidth = 36;
  const titleWidth = CONTENT_WIDTH - indent - numberWidth - 8;
  const title = pdfText(entry.title);
  oneLine(doc, title, LEFT + indent, y, titleWidth);
  const leaderStart = LEFT + indent + Math.min(doc.widthOfString(title), titleWidth) + 4;
  const leaderEnd = LEFT + CONTENT_WIDTH - numberWidth;
  if (leaderEnd > leaderStart) {
    doc.moveTo(leaderStart, y + 8).lineTo(leaderEnd, y + 8).lineWidth(0.6).dash(1, { space: 2.5 }).strokeColor(COLOR.muted).stroke().undash();
  }
  oneLine(doc, number, LEFT + CONTENT_WIDTH - numberWidth, y, numberWidth, 'right');
}

/** Fills the reserved pages, the first being page `firstPage` (1-based). */
export function drawContents(doc: Doc, pages: readonly (readonly ContentsEntry[])[], firstPage: number, marks: ReadonlyMap<string, number>): void {
  pages.forEach((entries, index) => {
    doc.switchToPage(firstPage - 1 + index);
    let y = PAGE.margin;
    doc.font(FONT.bold).fontSize(SIZE.h1).fillColor(COLOR.accent);
    oneLine(doc, index === 0 ? 'Contents' : 'Contents (continued)', LEFT, y, CONTENT_WIDTH);
    y += HEADING_HEIGHT;
    for (const entry of entries) {
      drawEntry(doc, entry, marks.get(entry.key), y);
      y += LINE_HEIGHT;
    }
  });
}
