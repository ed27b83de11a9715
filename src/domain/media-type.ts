/**
 * What kind of document an upload is, decided from its bytes alone: the name and the client's
 * Content-Type are whatever the sender chose, the bytes are what a reviewer will open.
 */
export const ALLOWED_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  text: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
} as const;
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[keyof typeof ALLOWED_MEDIA_TYPES];

export type Sniffed = { accepted: true; mediaType: AllowedMediaType } | { accepted: false; reason: string };

/** How much of the start of a file the sniffer looks at; enough for the first ZIP entries. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

const accept = (mediaType: AllowedMediaType): Sniffed => ({ accepted: true, mediaType });
const refuse = (reason: string): Sniffed => ({ accepted: false, reason });

const startsWith = (head: Buffer, bytes: number[] | string, at = 0): boolean => {
  const magic = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
};

const EXECUTABLES: [string, number[] | string][] = [
  ['a Windows executable', 'MZ'],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a Mach-O executable', [0xfe, 0xed, 0xfa, 0xce]],
  ['a Mach-O executable', [0xfe, 0xed, 0xfa, 0xcf]],
  ['a Mach-O executable', [0xce, 0xfa, 0xed, 0xfe]],
  ['a Mach-O executable', [0xcf, 0xfa, 0xed, 0xfe]],
  ['a Mach-O universal binary or Java class', [0xca, 0xfe, 0xba, 0xbe]],
  ['a script', '#!'],
];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The byte range of an OLE compound file's first directory sector, read from its header. */
export function oleDirectoryRange(head: Buffer): { start: number; end: number } | null {
  if (!startsWith(head, OLE_MAGIC) || head.length < 0x34) return null;
  const sectorShift = head.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const start = (head.readUInt32LE(0x30) + 1) * sectorSize;
  return { start, end: start + sectorSize };
}

const utf16 = (text: string) => Buffer.from(text, 'utf16le');

/** Legacy Office files are OLE containers; only Word and Excel streams are documents we take (an MSI is OLE too). */
function sniffOle(head: Buffer, directory: Buffer | undefined): Sniffed {
  const haystacks = directory ? [head, directory] : [head];
  const has = (name: string) => haystacks.some((bytes) => bytes.includes(utf16(name)));
  if (has('WordDocument')) return accept(ALLOWED_MEDIA_TYPES.doc);
  if (has('Workbook') || has('Book\0')) return accept(ALLOWED_MEDIA_TYPES.xls);
  return refuse('an OLE container that is neither a Word nor an Excel document');
}

/** Names of the ZIP entries whose local headers fall inside `head`. */
export function zipEntryNames(head: Buffer): string[] {
  const names: string[] = [];
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  for (let at = head.indexOf(signature); at !== -1 && at + 30 <= head.length; at = head.indexOf(signature, at + 4)) {
    const length = head.readUInt16LE(at + 26);
    if (at + 30 + length > head.length) break;
    names.push(head.subarray(at + 30, at + 30 + length).toString('utf8'));
  }
  return names;
}

/** An OOXML document is a ZIP whose parts live under word/, xl/ or ppt/. */
function sniffZip(head: Buffer): Sniffed {
  const names = zipEntryNames(head);
  const hasPart = (folder: string) => names.some((name) => name.startsWith(folder));
  const ooxml = names.includes('[Content_Types].xml') || names.some((name) => name.startsWith('_rels/'));
  if (ooxml || hasPart('word/') || hasPart('xl/') || hasPart('ppt/')) {
    if (hasPart('word/')) return accept(ALLOWED_MEDIA_TYPES.docx);
    if (hasPart('xl/')) return accept(ALLOWED_MEDIA_TYPES.xlsx);
    if (hasPart('ppt/')) return accept(ALLOWED_MEDIA_TYPES.pptx);
  }
  return accept(ALLOWED_MEDIA_TYPES.zip);
}

function sniffBinary(head: Buffer, oleDirectory?: Buffer): Sniffed | null {
  for (const [what, magic] of EXECUTABLES) if (startsWith(head, magic)) return refuse(`${what} is never accepted as evidence`);
  if (startsWith(head, '%PDF-')) return accept(ALLOWED_MEDIA_TYPES.pdf);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept(ALLOWED_MEDIA_TYPES.png);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return accept(ALLOWED_MEDIA_TYPES.jpeg);
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return accept(ALLOWED_MEDIA_TYPES.gif);
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return accept(ALLOWED_MEDIA_TYPES.webp);
  if (startsWith(head, 'PK\x03\x04') || startsWith(head, 'PK\x05\x06')) return sniffZip(head);
  if (startsWith(head, OLE_MAGIC)) return sniffOle(head, oleDirectory);
  return null;
}

/** C0 controls other than tab, line feed, form feed and carriage return mark a binary file. */
const BINARY_CONTROL = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/;

/**
 * The text of `bytes` when they are valid UTF-8 without NUL or binary control characters; a
 * head cut mid-character is fine when more bytes follow.
 */
export function decodeText(bytes: Buffer, complete: boolean): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return BINARY_CONTROL.test(text) ? null : text;
  } catch {
    return null;
  }
}

function delimiterCount(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** CSV when at least two lines all carry the same, non-zero number of commas (or semicolons). */
export function looksLikeCsv(text: string, complete: boolean): boolean {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines.pop(); // the head may end mid-line
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) return false;
  return [',', ';'].some((delimiter) => {
    const first = delimiterCount(lines[0], delimiter);
    return first > 0 && lines.every((line) => delimiterCount(line, delimiter) === first);
  });
}

function sniffText(head: Buffer, complete: boolean): Sniffed {
  const text = decodeText(head, complete);
  if (text === null) return refuse('the content is not a recognised document type');
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return accept(ALLOWED_MEDIA_TYPES.text);
  if (/^\s*[{[]/.test(body)) return accept(ALLOWED_MEDIA_TYPES.json);
  return accept(looksLikeCsv(body, complete) ? ALLOWED_MEDIA_TYPES.csv : ALLOWED_MEDIA_TYPES.text);
}

export interface SniffOptions {
  /** Whether `head` is the whole file (so its last line and character are whole). */
  complete: boolean;
  /** The first directory sector of an OLE file, when it lies past the head. */
  oleDirectory?: Buffer;
}

/** Decides the media type from the first bytes: magic numbers first, then the text checks. */
export function sniffMediaType(head: Buffer, options: SniffOptions = { complete: true }): Sniffed {
  if (head.length === 0) return refuse('the file is empty');
  return sniffBinary(head, options.oleDirectory) ?? sniffText(head, options.complete);
}

const TEXT_TYPES: readonly string[] = [ALLOWED_MEDIA_TYPES.text, ALLOWED_MEDIA_TYPES.csv, ALLOWED_MEDIA_TYPES.json];

/**
 * Sniffs a file as it streams by: keeps the head, the OLE directory sector if it lies further
 * on, and checks that a text file stays valid UTF-8 to its last byte.
 */
export class ContentSniffer {
  private readonly head: Buffer[] = [];
  private headLength = 0;
  private size = 0;
  private ole: { start: number; end: number; bytes: Buffer } | null | undefined;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private textValid = true;

  update(chunk: Buffer): void {
    if (this.headLength < SNIFF_HEAD_BYTES) {
      const part = chunk.subarray(0, SNIFF_HEAD_BYTES - this.headLength);
      this.head.push(Buffer.from(part));
      this.headLength += part.length;
    }
    if (this.ole === undefined && this.headLength >= 0x34) this.findOleDirectory();
    if (this.ole) this.captureOle(chunk);
    if (this.textValid) this.checkText(chunk);
    this.size += chunk.length;
  }

  finish(): Sniffed {
    if (this.textValid) this.checkText(undefined);
    const head = Buffer.concat(this.head);
    const sniffed = sniffMediaType(head, { complete: this.size <= head.length, oleDirectory: this.ole?.bytes });
    if (sniffed.accepted && TEXT_TYPES.includes(sniffed.mediaType) && !this.textValid) {
      return refuse('the text is not valid UTF-8 throughout');
    }
    return sniffed;
  }

  private findOleDirectory(): void {
    const range = oleDirectoryRange(Buffer.concat(this.head));
    this.ole = range && range.start >= SNIFF_HEAD_BYTES ? { ...range, bytes: Buffer.alloc(range.end - range.start) } : null;
  }

  private captureOle(chunk: Buffer): void {
    const { start, end, bytes } = this.ole!;
    const from = Math.max(start, this.size);
    const to = Math.min(end, this.size + chunk.length);
    if (from < to) chunk.copy(bytes, from - start, from - this.size, to - this.size);
  }

  private checkText(chunk: Buffer | undefined): void {
    try {
      const text = chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode();
      if (BINARY_CONTROL.test(text)) this.textValid = false;
    } catch {
      this.textValid = false;
    }
  }
}
