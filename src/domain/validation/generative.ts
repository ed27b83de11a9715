import { Z_95 } from './distributions.js';

export interface CategoryFailures {
  category: string;
  n: number;
  failures: number;
  failureRate: number;
  /** Wilson score 95% interval of the failure rate. */
  interval: [number, number];
}

/** Wilson interval: (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n). */
export function wilsonInterval(failures: number, n: number, z = Z_95): [number, number] {
  const p = failures / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Failure rate per evaluation category, categories in sorted order. */
export function failureRates(categories: readonly string[], failed: Uint8Array): CategoryFailures[] {
  const tally = new Map<string, { n: number; failures: number }>();
  categories.forEach((category, row) => {
    const entry = tally.get(category) ?? { n: 0, failures: 0 };
    entry.n++;
    entry.failures += failed[row];
    tally.set(category, entry);
  });
  return [...tally.keys()].sort().map((category) => {
    const { n, failures } = tally.get(category)!;
    return { category, n, failures, failureRate: failures / n, interval: wilsonInterval(failures, n) };
  });
}
