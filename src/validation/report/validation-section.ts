/**
 * The "Independent validation" section of a report: for each run, the ROC curve, the calibration
 * plot, selection rates by group with the four-fifths line and PSI by feature, each chart with its
 * numbers beside it in a table, and the breaches the run turned into findings.
 */
import type { Breach } from '../../domain/validation/breaches.js';
import { FOUR_FIFTHS, type FairnessEntry } from '../../domain/validation/fairness.js';
import { labelled, note, paragraph, subheading, type Doc } from '../../reports/pdf/layout.js';
import { table } from '../../reports/pdf/table.js';
import type { ValidationResults } from '../validation-compute.js';
import { barChart, unitPlot } from './charts.js';

export interface ReportValidationRun {
  id: string;
  finishedAt: Date | null;
  inputSha256: string;
  results: ValidationResults & { breaches: Breach[] };
  findingCount: number;
}

type Classification = Extract<ValidationResults, { kind: 'classification' }>;

const num = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '-' : value.toFixed(digits));
const pct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const pValue = (p: number | null) => (p === null ? '-' : p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);
const ROC_ROWS = 11;
/** PSI bars are drawn on 0..1 at most: beyond that the shift is off any scale a reader weighs, and the number says how far. */
const PSI_SCALE_MAX = 1;
const METRICS = [
  ['auc', 'AUC'],
  ['gini', 'Gini'],
  ['ks', 'KS'],
  ['accuracy', 'Accuracy'],
  ['precision', 'Precision'],
  ['recall', 'Recall'],
  ['f1', 'F1'],
  ['balancedAccuracy', 'Balanced accuracy'],
  ['mcc', 'MCC'],
  ['brier', 'Brier score'],
  ['logLoss', 'Log loss'],
  ['ece', 'ECE'],
] as const;

export function drawValidationSection(doc: Doc, runs: readonly ReportValidationRun[]): void {
  if (runs.length === 0) {
    note(doc, 'No independent validation has been run on this AI system.');
    return;
  }
  for (const run of runs) drawRun(doc, run);
}

function drawRun(doc: Doc, run: ReportValidationRun): void {
  subheading(doc, `Validation run ${run.id}`);
  labelled(doc, [
    ['Sample SHA-256', run.inputSha256],
    ['Rows', String(run.results.input.rows)],
    ['Finished', run.finishedAt ? run.finishedAt.toISOString().slice(0, 10) : '-'],
  ]);
  if (run.results.kind === 'generative_eval') drawGenerative(doc, run.results);
  else drawClassification(doc, run.results);
  drawBreaches(doc, run);
}

function drawClassification(doc: Doc, results: Classification): void {
  const p = results.performance;
  subheading(doc, 'Performance');
  table(doc, [{ header: 'Metric', share: 0.4 }, { header: 'Value', share: 0.25 }, { header: '95% interval', share: 0.35 }], METRICS.map(([m, name]) => [name, num(p[m]), p.intervals[m] ? `${num(p.intervals[m]![0])} to ${num(p.intervals[m]![1])}` : '-']));
  if (p.roc.length) {
    subheading(doc, 'ROC curve');
    unitPlot(doc, p.roc.map((point) => [point.fpr, point.tpr] as const), ['false positive rate', 'true positive rate'], true);
    const step = Math.max(1, Math.floor((p.roc.length - 1) / (ROC_ROWS - 1)));
    const rows = p.roc.filter((_, i) => i % step === 0 || i === p.roc.length - 1);
    table(doc, [{ header: 'Threshold', share: 0.34 }, { header: 'FPR', share: 0.33 }, { header: 'TPR', share: 0.33 }], rows.map((r) => [r.threshold === null ? 'above all' : num(r.threshold), num(r.fpr), num(r.tpr)]));
  }
  if (p.calibration.length) {
    subheading(doc, 'Calibration');
    const filled = p.calibration.filter((bin) => bin.n > 0);
    unitPlot(doc, filled.map((bin) => [bin.meanScore!, bin.observedRate!] as const), ['mean score', 'observed rate'], false);
    table(doc, [{ header: 'Bin', share: 0.25 }, { header: 'Rows', share: 0.25 }, { header: 'Mean score', share: 0.25 }, { header: 'Observed rate', share: 0.25 }], filled.map((b) => [`${b.lower.toFixed(1)}-${b.upper.toFixed(1)}`, String(b.n), num(b.meanScore), num(b.observedRate)]));
  }
  for (const entry of results.fairness) drawFairness(doc, entry);
  if (results.stability) drawStability(doc, results.stability);
}

function drawFairness(doc: Doc, entry: FairnessEntry): void {
  subheading(doc, `Selection rate by ${entry.column}`);
  const reference = entry.groups.find((g) => g.group === entry.referenceGroup);
  const line = reference?.selectionRate ? [{ at: FOUR_FIFTHS * reference.selectionRate, label: 'four-fifths' }] : [];
  barChart(doc, entry.groups.map((g) => ({ label: g.group, value: g.selectionRate, text: pct(g.selectionRate) })), 1, line);
  paragraph(doc, `Reference group ${entry.referenceGroup ?? '-'}; adverse impact ratio ${num(entry.adverseImpactRatio, 2)}, demographic parity difference ${num(entry.demographicParityDifference)}, equalized odds difference ${num(entry.equalizedOddsDifference)}.`);
  table(
    doc,
    [{ header: 'Group', share: 0.26 }, { header: 'Rows', share: 0.12 }, { header: 'Selection', share: 0.14 }, { header: 'Ratio', share: 0.12 }, { header: 'Four-fifths', share: 0.18 }, { header: 'p', share: 0.18 }],
    entry.groups.map((g) => [g.group, String(g.n), pct(g.selectionRate), num(g.ratioToReference, 2), g.insufficientSample ? 'too few rows' : (g.fourFifths ?? '-'), num(g.pValue)]),
  );
}

function drawStability(doc: Doc, stability: NonNullable<Classification['stability']>): void {
  subheading(doc, `Stability against run ${stability.referenceValidationId}`);
  const rows = [...(stability.score ? [{ name: 'score', psi: stability.score.psi, band: stability.score.band }] : []), ...stability.features.map((f) => ({ name: f.feature, psi: f.psi, band: f.band }))];
  const max = Math.min(PSI_SCALE_MAX, Math.max(0.3, ...rows.map((r) => r.psi)));
  barChart(doc, rows.map((r) => ({ label: r.name, value: r.psi, text: num(r.psi) })), max, [{ at: 0.1, label: '0.10' }, { at: 0.25, label: '0.25' }]);
  table(doc, [{ header: 'Column', share: 0.4 }, { header: 'PSI', share: 0.3 }, { header: 'Band', share: 0.3 }], rows.map((r) => [r.name, num(r.psi), r.band]));
  if (stability.score?.ks) paragraph(doc, `Kolmogorov-Smirnov on the scores: D = ${num(stability.score.ks.statistic)}, p ${pValue(stability.score.ks.pValue)}.`);
}

function drawGenerative(doc: Doc, results: Extract<ValidationResults, { kind: 'generative_eval' }>): void {
  subheading(doc, 'Failure rate by evaluation category');
  table(
    doc,
    [{ header: 'Category', share: 0.3 }, { header: 'Cases', share: 0.14 }, { header: 'Failures', share: 0.14 }, { header: 'Rate', share: 0.14 }, { header: '95% Wilson interval', share: 0.28 }],
    results.categories.map((c) => [c.category, String(c.n), String(c.failures), pct(c.failureRate), `${pct(c.interval[0])} to ${pct(c.interval[1])}`]),
  );
}

function drawBreaches(doc: Doc, run: ReportValidationRun): void {
  subheading(doc, 'Findings opened');
  if (run.results.breaches.length === 0) {
    note(doc, 'No threshold was crossed.');
    return;
  }
  table(doc, [{ header: 'Severity', share: 0.15 }, { header: 'Finding', share: 0.85 }], run.results.breaches.map((b) => [b.severity, b.description]));
  if (run.findingCount === 0) note(doc, 'The AI system had no assessment when the run finished: the breaches are recorded on the run only.');
}
