import { ContentSniffer, SNIFF_HEAD_BYTES, looksLikeCsv, sniffMediaType, zipEntryNames } from '../../src/domain/media-type.js';

/** A ZIP's local file headers (stored, no compression): all the sniffer reads of a ZIP. */
function zip(entries: Record<string, string>): Buffer {
  const parts = Object.entries(entries).map(([name, content]) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(Buffer.byteLength(content), 18);
    header.writeUInt32LE(Buffer.byteLength(content), 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    return Buffer.concat([header, Buffer.from(name), Buffer.from(content)]);
  });
  return Buffer.concat([...parts, Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
}

/** An OLE compound file header whose first directory sector (512 bytes) holds `streams`. */
function ole(streams: string[], directorySector = 0): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt32LE(directorySector, 0x30);
  const sectors = Buffer.alloc(512 * (directorySector + 1));
  const directory = sectors.subarray(512 * directorySector);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => Buffer.from(`${name}\0`, 'utf16le').copy(directory, i * 128));
  return Buffer.concat([header, sectors]);
}

const bytes = (...values: number[]) => Buffer.from(values);
const text = (value: string) => Buffer.from(value, 'utf8');

const accepted: [string, Buffer, string][] = [
  ['a PDF', text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'application/pdf'],
  ['a PNG', Buffer.concat([bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), Buffer.alloc(16)]), 'image/png'],
  ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46), 'image/jpeg'],
  ['a GIF89a', text('GIF89a\x01\x00\x01\x00'), 'image/gif'],
  ['a GIF87a', text('GIF87a\x01\x00\x01\x00'), 'image/gif'],
  ['a WebP', Buffer.concat([text('RIFF'), bytes(0x24, 0, 0, 0), text('WEBPVP8 ')]), 'image/webp'],
  ['a Word document (docx)', zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<r/>', 'word/document.xml': '<w/>' }), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['an Excel workbook (xlsx)', zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<x/>' }), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['a PowerPoint deck (pptx)', zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['a plain ZIP archive', zip({ 'policies/a.txt': 'hello', 'policies/b.txt': 'world' }), 'application/zip'],
  ['an empty ZIP archive', Buffer.concat([bytes(0x50, 0x4b, 0x05, 0x06), Buffer.alloc(18)]), 'application/zip'],
  ['a legacy Word document (doc)', ole(['1Table', 'WordDocument']), 'application/msword'],
  ['a legacy Excel workbook (xls)', ole(['Workbook']), 'application/vnd.ms-excel'],
  ['an Excel 5 workbook (xls, Book stream)', ole(['Book']), 'application/vnd.ms-excel'],
  ['plain text', text('Our model card, version 3.\nReviewed quarterly.\n'), 'text/plain'],
  ['text with a UTF-8 BOM and accents', text('\uFEFFPolitique de sécurité\n'), 'text/plain'],
  ['a single line with commas (prose, not a table)', text('Yes, we do, and we log it.\n'), 'text/plain'],
  ['a comma-separated table', text('control,status,owner\nMFA,done,IT\nDLP,"partly, 80%",Sec\n'), 'text/csv'],
  ['a semicolon-separated table', text('control;status\nMFA;done\nDLP;partly\n'), 'text/csv'],
  ['a JSON object', text('  \n{"model": "x", "version": 2}'), 'application/json'],
  ['a JSON array', text('[1, 2, 3]'), 'application/json'],
  ['whitespace only', text(' \n\t\n'), 'text/plain'],
];

const refused: [string, Buffer, RegExp][] = [
  ['a Windows executable', Buffer.concat([text('MZ'), bytes(0x90, 0, 3, 0), Buffer.alloc(60)]), /Windows executable/],
  ['an ELF executable', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0), /ELF/],
  ['a 64-bit Mach-O executable', bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1), /Mach-O/],
  ['a big-endian Mach-O executable', bytes(0xfe, 0xed, 0xfa, 0xce, 0, 0, 0, 7), /Mach-O/],
  ['a universal binary', bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2), /Mach-O/],
  ['a shell script', text('#!/bin/sh\nrm -rf /\n'), /script/],
  ['a script named like JSON', text('#!/usr/bin/env node\n{}'), /script/],
  ['an OLE container that is no Office document (e.g. an MSI)', ole(['SummaryInformation']), /OLE/],
  ['text with a NUL byte', text('hello\0world'), /not a recognised/],
  ['invalid UTF-8', bytes(0x48, 0x69, 0xc3, 0x28, 0x0a), /not a recognised/],
  ['binary control characters', bytes(0x01, 0x02, 0x03, 0x04), /not a recognised/],
  ['an unknown binary format', bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0), /not a recognised/],
  ['an empty file', Buffer.alloc(0), /empty/],
];

describe('media type sniffing', () => {
  it.each(accepted)('accepts %s', (_, content, mediaType) => {
    expect(sniffMediaType(content)).toEqual({ accepted: true, mediaType });
  });

  it.each(refused)('refuses %s', (_, content, reason) => {
    const sniffed = sniffMediaType(content);
    expect(sniffed.accepted).toBe(false);
    expect(!sniffed.accepted && sniffed.reason).toMatch(reason);
  });

  it('reads ZIP entry names from the local headers in the head', () => {
    expect(zipEntryNames(zip({ 'a.txt': 'x', 'word/document.xml': '<w/>' }))).toEqual(['a.txt', 'word/document.xml']);
  });

  it('tolerates a head cut in the middle of a character or a line', () => {
    const head = text('a,b,c\n1,2,3\n4,5,6\nlast line is cut,é').subarray(0, -1);
    expect(sniffMediaType(head, { complete: false })).toEqual({ accepted: true, mediaType: 'text/csv' });
    expect(sniffMediaType(head, { complete: true }).accepted).toBe(false);
  });

  it.each([
    ['rows with differing comma counts', 'a,b\nc\n', false],
    ['one row only', 'a,b,c\n', false],
    ['quoted delimiters are not counted', 'a,b\n"x, y",z\n', true],
    ['CRLF line ends', 'a;b\r\nc;d\r\n', true],
  ])('CSV detection: %s', (_, content, csv) => {
    expect(looksLikeCsv(content, true)).toBe(csv);
  });
});

describe('sniffing a stream', () => {
  const feed = (content: Buffer, chunkSize: number) => {
    const sniffer = new ContentSniffer();
    for (let at = 0; at < content.length; at += chunkSize) sniffer.update(content.subarray(at, at + chunkSize));
    return sniffer.finish();
  };

  it('decides the same in any chunking', () => {
    for (const [, content, mediaType] of accepted) {
      for (const size of [1, 7, 4096]) expect(feed(content, size)).toEqual({ accepted: true, mediaType });
    }
  });

  it('refuses text that turns binary past the head', () => {
    const content = Buffer.concat([Buffer.alloc(SNIFF_HEAD_BYTES + 10, 'a'), bytes(0), text('tail')]);
    expect(feed(content, 1000).accepted).toBe(false);
  });

  it('refuses text that ends in a cut character', () => {
    expect(feed(Buffer.concat([Buffer.alloc(SNIFF_HEAD_BYTES * 2, 'a'), bytes(0xc3)]), 5000).accepted).toBe(false);
  });

  it('finds an OLE directory that lies past the head', () => {
    const far = Math.ceil(SNIFF_HEAD_BYTES / 512) + 3;
    expect(feed(ole(['WordDocument'], far), 3000)).toEqual({ accepted: true, mediaType: 'application/msword' });
    expect(feed(ole(['SummaryInformation'], far), 3000).accepted).toBe(false);
  });
});
