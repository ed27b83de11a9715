import ExcelJS from 'exceljs';
import { cellText, MAX_IMPORT_ROWS, readSheet } from '../../src/exchange/import-sheet.js';

describe('reading an imported questionnaire export', () => {
  it.each([
    ['an empty cell', null, ''],
    ['a number', 42, '42'],
    ['a boolean', true, 'true'],
    ['a date, as its day', new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
    ['rich text, joined', { richText: [{ text: 'Yes, ' }, { text: 'with MFA' }] }, 'Yes, with MFA'],
    ['a formula, by its result', { formula: 'IF(A1,"Yes","No")', result: 'Yes' }, 'Yes'],
    ['a formula without a result', { formula: 'A1' }, ''],
    ['a hyperlink, by its text', { text: 'policy', hyperlink: 'https://vendor.example/policy' }, 'policy'],
    ['an error value', { error: '#N/A' }, ''],
  ])('reads %s as the spreadsheet shows it', (_name, value, expected) => {
    expect(cellText(value as ExcelJS.CellValue)).toBe(expected);
  });

  it('reads CSV with its byte-order mark and line numbers', async () => {
    const sheets = await readSheet(Buffer.from('\ufeffQuestion ID,Answer\r\n\r\nIAM-14.1,"Yes, always"\r\n'));
    expect(sheets).toEqual([
      [
        { cells: ['Question ID', 'Answer'], line: 1 },
        { cells: ['IAM-14.1', 'Yes, always'], line: 3 },
      ],
    ]);
  });

  it('reads every sheet of a workbook, skipping empty rows and keeping the row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Cover').addRow(['Title']);
    const answers = workbook.addWorksheet('Answers');
    answers.addRow(['Question ID', 'Answer']);
    answers.addRow([]);
    answers.addRow(['IAM-14.1', 'Yes']);
    const sheets = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(sheets).toEqual([
      [{ cells: ['Title'], line: 1 }],
      [
        { cells: ['Question ID', 'Answer'], line: 1 },
        { cells: ['IAM-14.1', 'Yes'], line: 3 },
      ],
    ]);
  });

  it('refuses a file with more rows than any questionnaire export, CSV or workbook', async () => {
    const csv = Buffer.from(Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Q-${i},Yes`).join('\n'));
    await expect(readSheet(csv)).rejects.toMatchObject({ status: 422, code: 'too_many_rows' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Answers');
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) sheet.addRow([`Q-${i}`, 'Yes']);
    await expect(readSheet(Buffer.from(await workbook.xlsx.writeBuffer()))).rejects.toMatchObject({ status: 422, code: 'too_many_rows' });
  }, 60_000);

  it('refuses a file that starts like a workbook but is not one', async () => {
    await expect(readSheet(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toMatchObject({ status: 422, code: 'unreadable_file' });
  });
});
