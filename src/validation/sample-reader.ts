import { parse, type CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { FeatureColumn } from '../domain/validation/drift.js';
import { mappedColumns, type ClassificationMapping, type GenerativeMapping, type ValidationMapping } from '../domain/validation/mapping.js';
import { GroupEncoder, grow, predictionsAt, type ClassificationSample, type GroupColumn } from '../domain/validation/sample.js';

/** A cell or row that cannot be read: names the row (the header is row 1) and the column. */
export class SampleError extends Error {
  constructor(
    readonly row: number,
    readonly column: string | null,
    message: string,
  ) {
    super(column ? `row ${row}, column "${column}": ${message}` : `row ${row}: ${message}`);
  }
}

export type ParsedSample =
  | { kind: 'classification'; sample: ClassificationSample; groups: GroupColumn[]; features: FeatureColumn[] }
  | { kind: 'generative_eval'; categories: string[]; failed: Uint8Array };

const PROGRESS_EVERY = 50_000;

/**
 * A decimal number, or NaN. Number() alone would also take '', 'Infinity' and '0x1f': the first
 * character must start a decimal and the second must not make a hex, octal or binary prefix.
 */
export function numberCell(cell: string): number {
  if (cell === '') return NaN;
  const first = cell.charCodeAt(0);
  const startsDecimal = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!startsDecimal || (cell.length > 1 && /[xXoObB]/.test(cell[1]))) return NaN;
  const value = Number(cell);
  return Number.isFinite(value) ? value : NaN;
}

/** Streams the CSV into typed columns; `progress` hears the row count now and then. */
export async function readSample(source: Readable, mapping: ValidationMapping, progress?: (rows: number) => Promise<void>): Promise<ParsedSample> {
  const parser = source.pipe(parse({ bom: true, trim: true, skip_empty_lines: true }));
  source.on('error', (error) => parser.destroy(error));
  let columns: Map<string, number> | null = null;
  let sink: RowSink | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!columns) {
        columns = headerOf(record, mapping);
        sink = mapping.kind === 'classification' ? new ClassificationSink(mapping, columns) : new GenerativeSink(mapping, columns);
        continue;
      }
      sink!.push(record, row);
      if (progress && row % PROGRESS_EVERY === 0) await progress(row - 1);
    }
  } catch (error) {
    throw error instanceof SampleError ? error : csvProblem(error as CsvError, row);
  }
  if (!sink) throw new SampleError(1, null, 'the file is empty: a header row is expected');
  return sink.finish(row);
}

function csvProblem(error: CsvError, row: number): Error {
  // The parser reads ahead of the loop: its own line count says where it stopped.
  const line = (error as CsvError & { lines?: number }).lines ?? row + 1;
  if (typeof error.code === 'string' && error.code.startsWith('CSV_')) return new SampleError(line, null, `the CSV cannot be read (${error.message})`);
  return error;
}

function headerOf(record: string[], mapping: ValidationMapping): Map<string, number> {
  const columns = new Map<string, number>();
  record.forEach((name, index) => {
    if (columns.has(name)) throw new SampleError(1, name, 'the header names this column twice');
    columns.set(name, index);
  });
  for (const { field, column } of mappedColumns(mapping)) {
    if (!columns.has(column)) throw new SampleError(1, column, `the mapping's ${field} names a column the header does not have`);
  }
  return columns;
}

interface RowSink {
  push(record: string[], row: number): void;
  finish(rows: number): ParsedSample;
}

/** Labels, scores, predictions, group codes and features, each in its own growable typed array. */
class ClassificationSink implements RowSink {
  private labels = new Uint8Array(1024);
  private scores = new Float64Array(1024);
  private predictions = new Uint8Array(1024);
  private length = 0;
  private readonly labelValues = new Set<string>();
  private readonly groups: GroupEncoder[];
  private readonly features: FeatureBuilder[];
  private readonly at: { label: number; score?: number; prediction?: number; groups: number[] };

  constructor(
    private readonly mapping: ClassificationMapping,
    columns: Map<string, number>,
  ) {
    this.at = { label: columns.get(mapping.label)!, score: mapping.score ? columns.get(mapping.score) : undefined, prediction: mapping.prediction ? columns.get(mapping.prediction) : undefined, groups: mapping.groups.map((g) => columns.get(g)!) };
    this.groups = mapping.groups.map((name) => new GroupEncoder(name));
    this.features = mapping.features.map((name) => new FeatureBuilder(name, columns.get(name)!));
  }

  push(record: string[], row: number): void {
    if (this.length === this.labels.length) [this.labels, this.scores, this.predictions] = [grow(this.labels), grow(this.scores), grow(this.predictions)];
    const i = this.length++;
    this.labels[i] = this.label(record[this.at.label], row);
    if (this.at.score !== undefined) this.scores[i] = this.score(record[this.at.score], row);
    if (this.at.prediction !== undefined) this.predictions[i] = this.prediction(record[this.at.prediction], row);
    this.at.groups.forEach((index, g) => this.groups[g].push(record[index] === '' ? '(blank)' : record[index]));
    for (const feature of this.features) feature.push(record[feature.index]);
  }

  private label(cell: string, row: number): number {
    if (cell === '') throw new SampleError(row, this.mapping.label, 'the label is missing');
    if (!this.labelValues.has(cell)) {
      this.labelValues.add(cell);
      if (this.labelValues.size > 2) throw new SampleError(row, this.mapping.label, `"${cell}" is a third label value; a binary label has two (${[...this.labelValues].slice(0, 2).join(', ')})`);
    }
    return cell === this.mapping.positiveLabel ? 1 : 0;
  }

  private score(cell: string, row: number): number {
    const value = numberCell(cell);
    if (Number.isNaN(value)) throw new SampleError(row, this.mapping.score!, cell === '' ? 'the score is missing' : `"${cell}" is not a number`);
    return value;
  }

  private prediction(cell: string, row: number): number {
    if (cell === '') throw new SampleError(row, this.mapping.prediction!, 'the prediction is missing');
    return cell === this.mapping.positiveLabel ? 1 : 0;
  }

  finish(rows: number): ParsedSample {
    if (this.length === 0) throw new SampleError(rows + 1, null, 'the file has a header but no rows');
    const labels = this.labels.slice(0, this.length);
    const positives = labels.reduce((sum, label) => sum + label, 0);
    if (positives === 0 || positives === this.length) {
      const only = positives === 0 ? `no row has the positive label "${this.mapping.positiveLabel}"` : 'every row has the positive label';
      throw new SampleError(rows, this.mapping.label, `fewer than 2 classes: ${only}`);
    }
    const scores = this.at.score !== undefined ? this.scores.slice(0, this.length) : null;
    const predictions = this.at.prediction !== undefined ? this.predictions.slice(0, this.length) : predictionsAt(scores!, this.mapping.threshold);
    return { kind: 'classification', sample: { labels, scores, predictions }, groups: this.groups.map((g) => g.finish()), features: this.features.map((f) => f.finish()) };
  }
}

/** A feature column: numeric until a cell is neither blank nor a number, then categorical. */
class FeatureBuilder {
  private numbers: Float64Array | null = new Float64Array(1024);
  private cells: string[] | null = null;
  private length = 0;

  constructor(
    readonly name: string,
    readonly index: number,
  ) {}

  push(cell: string): void {
    if (this.numbers) {
      const value = cell === '' ? NaN : numberCell(cell);
      if (cell === '' || !Number.isNaN(value)) {
        if (this.length === this.numbers.length) this.numbers = grow(this.numbers);
        this.numbers[this.length++] = value;
        return;
      }
      this.cells = Array.from(this.numbers.subarray(0, this.length), (v) => (Number.isNaN(v) ? '' : String(v)));
      this.numbers = null;
    }
    this.cells!.push(cell);
    this.length++;
  }

  finish(): FeatureColumn {
    return this.numbers ? { name: this.name, kind: 'numeric', values: this.numbers.slice(0, this.length) } : { name: this.name, kind: 'categorical', values: this.cells! };
  }
}

/** Evaluation cases: a category and pass or fail. */
class GenerativeSink implements RowSink {
  private readonly categories: string[] = [];
  private failed = new Uint8Array(1024);
  private readonly at: { category: number; outcome: number };

  constructor(
    private readonly mapping: GenerativeMapping,
    columns: Map<string, number>,
  ) {
    this.at = { category: columns.get(mapping.category)!, outcome: columns.get(mapping.outcome)! };
  }

  push(record: string[], row: number): void {
    const category = record[this.at.category];
    if (category === '') throw new SampleError(row, this.mapping.category, 'the category is missing');
    const outcome = record[this.at.outcome].toLowerCase();
    if (outcome !== 'pass' && outcome !== 'fail') throw new SampleError(row, this.mapping.outcome, `"${record[this.at.outcome]}" is not pass or fail`);
    if (this.categories.length === this.failed.length) this.failed = grow(this.failed);
    this.failed[this.categories.length] = outcome === 'fail' ? 1 : 0;
    this.categories.push(category);
  }

  finish(rows: number): ParsedSample {
    if (this.categories.length === 0) throw new SampleError(rows + 1, null, 'the file has a header but no rows');
    return { kind: 'generative_eval', categories: this.categories, failed: this.failed.slice(0, this.categories.length) };
  }
}
