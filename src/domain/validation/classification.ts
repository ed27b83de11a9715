import { bootstrapIntervals, type Interval } from './bootstrap.js';
import { fairnessEntry, type FairnessAggregates, type FairnessEntry } from './fairness.js';
import { isProbability, performanceReport, type CalibrationBin, type PerformanceMetrics } from './performance.js';
import type { RocPoint } from './ranking.js';
import { intersection, scoreOrder, type ClassificationSample, type GroupColumn } from './sample.js';

export interface ClassificationOptions {
  minGroupSize: number;
  resamples: number;
  seed: number;
  /** Reference group per group column, where the mapping names one. */
  referenceGroups?: Record<string, string>;
}

export interface ClassificationResults {
  performance: PerformanceMetrics & { intervals: Partial<Record<keyof PerformanceMetrics, Interval>>; roc: RocPoint[]; calibration: CalibrationBin[] };
  fairness: (FairnessEntry & { intervals: Partial<Record<keyof FairnessAggregates, Interval>> })[];
  bootstrap: { resamples: number; seed: number; rows: number };
}

/** Performance and fairness of a classification sample, each figure with its bootstrap interval. */
export function classificationResults(sample: ClassificationSample, groups: GroupColumn[], options: ClassificationOptions): ClassificationResults {
  const order = sample.scores ? scoreOrder(sample.scores) : null;
  const report = performanceReport(sample, order);
  const columns = groups.length >= 2 ? [...groups, intersection(groups[0], groups[1])] : groups;
  const entries = columns.map((column) => fairnessEntry(sample, order, column, { minGroupSize: options.minGroupSize, referenceGroup: options.referenceGroups?.[column.name] }));
  const probabilities = sample.scores !== null && isProbability(sample.scores);
  const intervals = bootstrapIntervals(sample, columns, { resamples: options.resamples, seed: options.seed, minGroupSize: options.minGroupSize, probabilities });
  return {
    performance: { ...report.metrics, intervals: intervals.performance, roc: report.roc, calibration: report.calibration },
    fairness: entries.map((entry, c) => ({ ...entry, intervals: intervals.fairness[c] })),
    bootstrap: { resamples: intervals.resamples, seed: intervals.seed, rows: intervals.rows },
  };
}
