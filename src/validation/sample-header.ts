import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { mappedColumns, type ValidationMapping } from '../domain/validation/mapping.js';
import type { FieldError } from '../common/errors.js';

/** The header row of a spooled CSV: read before the upload is accepted, to check the mapping. */
export async function headerOf(path: string): Promise<string[] | null> {
  const parser = createReadStream(path).pipe(parse({ bom: true, trim: true, to_line: 1, skip_empty_lines: true }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
    return null;
  } catch {
    return null;
  } finally {
    parser.destroy();
  }
}

/** Every column the mapping names that the header lacks. */
export function missingColumns(mapping: ValidationMapping, header: string[]): FieldError[] {
  return mappedColumns(mapping)
    .filter(({ column }) => !header.includes(column))
    .map(({ field, column }) => ({ field: `mapping.${field}`, message: `the CSV has no column "${column}"` }));
}
