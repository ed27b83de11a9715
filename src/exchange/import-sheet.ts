import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unprocessable } from '../common/errors.js';

/** One row of an imported questionnaire export: its cells as text and the line a spreadsheet shows. */
export interface SheetRecord {
  cells: string[];
  line: number;
}

/** An exported questionnaire has a few hundred rows; more than this is not one (or is a zip bomb). */
export const MAX_IMPORT_ROWS = 20_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The rows of a CSV or XLSX export; the format is told by the file's bytes, not its name. */
export async function readSheet(file: Buffer): Promise<SheetRecord[][]> {
  return file.subarray(0, 4).equals(ZIP_MAGIC) ? readWorkbook(file) : [readCsv(file)];
}

function readCsv(file: Buffer): SheetRecord[] {
  try {
    const records = parse(file, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    if (records.length > MAX_IMPORT_ROWS) throw tooManyRows();
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof Error && 'status' in error) throw error;
    throw unprocessable('unreadable_file', `The file is not readable CSV: ${(error as Error).message}`);
  }
}

/** Every worksheet, streamed, so that a workbook that expands to millions of rows is refused early. */
async function readWorkbook(file: Buffer): Promise<SheetRecord[][]> {
  const sheets: SheetRecord[][] = [];
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
    for await (const worksheet of reader) {
      const sheet: SheetRecord[] = [];
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (++rows > MAX_IMPORT_ROWS) throw tooManyRows();
        const cells = cellTexts(row);
        if (cells.some((cell) => cell.trim() !== '')) sheet.push({ cells, line: row.number });
      }
      sheets.push(sheet);
    }
  } catch (error) {
    if (error instanceof Error && 'status' in error) throw error;
    throw unprocessable('unreadable_file', `The file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  return sheets;
}

/** The row's cells from column A on, as the spreadsheet shows them. */
function cellTexts(row: ExcelJS.Row): string[] {
  const values = Array.isArray(row.values) ? row.values.slice(1) : [];
  return Array.from(values, (value) => cellText(value as ExcelJS.CellValue));
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

const tooManyRows = () => unprocessable('too_many_rows', `The file has more than ${MAX_IMPORT_ROWS} rows: it is not a questionnaire export`);
