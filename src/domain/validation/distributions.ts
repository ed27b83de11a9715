import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z), 0, 1)));
}

/** 97.5th percentile of the standard normal: the z of a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}:
 * the limiting law of √n·D. The series is its definition and converges for λ ≥ 0.2, below which
 * 1 − Q is under 1e-12. No npm package exports it: @stdlib/stats-kstest is a one-sample test whose
 * finite-n distribution (Marsaglia–Tsang–Wang, kept internal) powers a (2⌊nD⌋+1)² matrix, about a
 * minute at n = 100,000 and far beyond the run's budget at the 500,000 effective rows of 1M × 1M.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda >= 0.2)) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
