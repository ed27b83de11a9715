/** Reads a PDF back as a person would: its pages' text and its metadata (pdf.js, no browser). */
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ParsedPdf {
  pageCount: number;
  /** The text of each page, a line per line of the page. */
  pages: string[];
  info: Record<string, unknown>;
}

export async function parsePdf(bytes: Buffer): Promise<ParsedPdf> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: VerbosityLevel.ERRORS }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
    }
    const { info } = await document.getMetadata();
    return { pageCount: document.numPages, pages, info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}
