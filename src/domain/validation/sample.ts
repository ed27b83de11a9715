/**
 * The columns of a classification sample, held in typed arrays so that a million rows stay
 * a few megabytes. Row i is (labels[i], scores[i], predictions[i]) in every array.
 */
export interface ClassificationSample {
  /** 1 = the positive class. */
  labels: Uint8Array;
  /** The model's score; null when the mapping names only a prediction column. */
  scores: Float64Array | null;
  /** 1 = predicted positive (from the prediction column, or score >= threshold). */
  predictions: Uint8Array;
}

/** A categorical column: each row's code indexes `levels`. */
export interface GroupColumn {
  name: string;
  levels: string[];
  codes: Uint32Array;
}

/** Per-row counts of a bootstrap resample; null means every row once. */
export type Weights = Uint32Array | null;

export const weightOf = (weights: Weights, row: number): number => (weights ? weights[row] : 1);

/** A ratio that is undefined when nothing was counted. */
export const rate = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** Predictions from scores: positive when the score reaches the threshold. */
export function predictionsAt(scores: Float64Array, threshold: number): Uint8Array {
  const predictions = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) predictions[i] = scores[i] >= threshold ? 1 : 0;
  return predictions;
}

/** Row indices ordered by ascending score: sorted once, reused by AUC, KS, ROC and every resample. */
export function scoreOrder(scores: Float64Array): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => scores[a] - scores[b] || a - b);
}

/** Encodes string cells as group codes; levels are sorted so that codes do not depend on row order. */
export function groupColumn(name: string, cells: readonly string[]): GroupColumn {
  const levels = [...new Set(cells)].sort();
  const codeOf = new Map(levels.map((level, code) => [level, code]));
  const codes = new Uint32Array(cells.length);
  cells.forEach((cell, i) => (codes[i] = codeOf.get(cell)!));
  return { name, levels, codes };
}

/** The intersection of two group columns, e.g. age × sex, with only the combinations that occur. */
export function intersection(first: GroupColumn, second: GroupColumn): GroupColumn {
  const width = second.levels.length;
  const combined = new Map<number, string>();
  for (let i = 0; i < first.codes.length; i++) {
    const key = first.codes[i] * width + second.codes[i];
    if (!combined.has(key)) combined.set(key, `${first.levels[first.codes[i]]} | ${second.levels[second.codes[i]]}`);
  }
  const keys = [...combined.keys()].sort((a, b) => a - b);
  const codeOfKey = new Map(keys.map((key, code) => [key, code]));
  const codes = new Uint32Array(first.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = codeOfKey.get(first.codes[i] * width + second.codes[i])!;
  return { name: `${first.name} × ${second.name}`, levels: keys.map((key) => combined.get(key)!), codes };
}

/** Encodes cells as they stream in; `finish` renumbers the levels in sorted order. */
export class GroupEncoder {
  private readonly seen = new Map<string, number>();
  private codes = new Uint32Array(1024);
  private length = 0;

  constructor(readonly name: string) {}

  push(cell: string): void {
    let code = this.seen.get(cell);
    if (code === undefined) this.seen.set(cell, (code = this.seen.size));
    if (this.length === this.codes.length) this.codes = grow(this.codes);
    this.codes[this.length++] = code;
  }

  finish(): GroupColumn {
    const levels = [...this.seen.keys()].sort();
    const renumber = new Uint32Array(levels.length);
    levels.forEach((level, sorted) => (renumber[this.seen.get(level)!] = sorted));
    const codes = this.codes.slice(0, this.length);
    for (let i = 0; i < codes.length; i++) codes[i] = renumber[codes[i]];
    return { name: this.name, levels, codes };
  }
}

/** Doubles a typed array's capacity, keeping its contents. */
export function grow<T extends Uint8Array | Uint32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
