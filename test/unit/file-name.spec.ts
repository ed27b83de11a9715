import { MAX_FILE_NAME_LENGTH, attachmentDisposition, cleanFileName } from '../../src/domain/file-name.js';
import type { AllowedMediaType } from '../../src/domain/media-type.js';

const PDF = 'application/pdf';
const PNG = 'image/png';
const TEXT = 'text/plain';
const CSV = 'text/csv';
const ZIP = 'application/zip';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const cases: [string, string | undefined, AllowedMediaType, string][] = [
  ['keeps a plain name', 'SOC 2 Type II report.pdf', PDF, 'SOC 2 Type II report.pdf'],
  ['drops Unix path parts', '../../etc/passwd', TEXT, 'passwd.txt'],
  ['drops Windows path parts', 'C:\\Users\\sam\\Desktop\\policy.docx', DOCX, 'policy.docx'],
  ['never leaves `..`', '..', PDF, 'evidence.pdf'],
  ['collapses dot runs', 'model..card...pdf', PDF, 'model.card.pdf'],
  ['removes leading dots of hidden files', '.env', TEXT, 'env.txt'],
  ['names an extension-only file', '.pdf', PDF, 'evidence.pdf'],
  ['removes control characters and line breaks', 'a\u0000b\r\nc\u001b[31m.pdf', PDF, 'abc[31m.pdf'],
  ['removes a right-to-left override that disguises the extension', 'invoice\u202Efdp.exe', PDF, 'invoicefdp.pdf'],
  ['replaces characters reserved on Windows', 'Q3: risk <draft> "v2"?.pdf', PDF, 'Q3_ risk _draft_ _v2__.pdf'],
  ['trims spaces and trailing dots', '  report .pdf. ', PDF, 'report.pdf'],
  ['gives a name when none was sent', undefined, PNG, 'evidence.png'],
  ['gives a name when only junk was sent', '\u0001\u0002', PDF, 'evidence.pdf'],
  ['adds the extension the bytes call for', 'architecture', PDF, 'architecture.pdf'],
  ['replaces an extension that belongs to another type', 'screenshot.txt', PNG, 'screenshot.png'],
  ['replaces an executable extension', 'invoice.pdf.exe', PDF, 'invoice.pdf.pdf'],
  ['keeps an unknown extension as part of the name', 'backup.tar', ZIP, 'backup.tar.zip'],
  ['keeps the alternative JPEG spelling', 'photo.JPEG', 'image/jpeg', 'photo.jpeg'],
  ['keeps an unusual extension on plain text', 'settings.yaml', TEXT, 'settings.yaml'],
  ['does not let text pose as a web page', 'login.html', TEXT, 'login.txt'],
  ['accepts a CSV that sniffed as plain text', 'one-row.csv', TEXT, 'one-row.csv'],
  ['accepts a table saved as .txt', 'export.txt', CSV, 'export.txt'],
  ['keeps non-Latin letters', 'Richtlinie für Datenschutz – 2025.pdf', PDF, 'Richtlinie für Datenschutz – 2025.pdf'],
  ['normalises to NFC', 'cafe\u0301.txt', TEXT, 'caf\u00e9.txt'],
];

describe('cleaning upload names', () => {
  it.each(cases)('%s', (_, raw, mediaType, expected) => {
    expect(cleanFileName(raw, mediaType)).toBe(expected);
  });

  it('bounds the length and keeps the extension', () => {
    const name = cleanFileName(`${'a'.repeat(500)}.pdf`, PDF);
    expect([...name]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('aaa.pdf')).toBe(true);
  });

  it('never cuts a character in two', () => {
    const name = cleanFileName(`${'😀'.repeat(300)}.pdf`, PDF);
    expect(name).toBe(`${'😀'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`);
  });
});

describe('the download header', () => {
  it.each([
    ['an ASCII name', 'report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    ['spaces and brackets', 'SOC 2 (2025).pdf', `attachment; filename="SOC 2 (2025).pdf"; filename*=UTF-8''SOC%202%20%282025%29.pdf`],
    ['non-ASCII letters', 'Prüfbericht.pdf', `attachment; filename="Pr_fbericht.pdf"; filename*=UTF-8''Pr%C3%BCfbericht.pdf`],
    ['quotes that would end the parameter', `it's "final".pdf`, `attachment; filename="it's _final_.pdf"; filename*=UTF-8''it%27s%20%22final%22.pdf`],
  ])('encodes %s', (_, name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });
});
