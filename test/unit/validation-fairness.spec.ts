import { fairnessEntry, type FairnessEntry } from '../../src/domain/validation/fairness.js';
import { groupColumn, intersection, scoreOrder, type ClassificationSample, type GroupColumn } from '../../src/domain/validation/sample.js';

/** Rows of (group, label, prediction); the score is 0.9 when predicted positive, else 0.1. */
function rows(spec: [string, number, number, number][]): { sample: ClassificationSample; column: GroupColumn } {
  const expanded = spec.flatMap(([group, label, predicted, times]) => Array.from({ length: times }, () => [group, label, predicted] as const));
  const predictions = Uint8Array.from(expanded.map(([, , p]) => p));
  const sample = { labels: Uint8Array.from(expanded.map(([, l]) => l)), scores: Float64Array.from(predictions, (p) => (p ? 0.9 : 0.1)), predictions };
  return { sample, column: groupColumn('age', expanded.map(([g]) => g)) };
}

// A: 10 rows, 6 selected, 5 positives, TP 4, FP 2.  B: 10 rows, 3 selected, 5 positives, TP 2, FP 1.
// C: 2 rows, both selected: the highest rate, but under minGroupSize 5.
const ages = rows([
  ['A', 1, 1, 4], ['A', 0, 1, 2], ['A', 1, 0, 1], ['A', 0, 0, 3],
  ['B', 1, 1, 2], ['B', 0, 1, 1], ['B', 1, 0, 3], ['B', 0, 0, 4],
  ['C', 1, 1, 2],
]);
const entryOf = (data = ages, referenceGroup?: string, minGroupSize = 5): FairnessEntry =>
  fairnessEntry(data.sample, scoreOrder(data.sample.scores!), data.column, { minGroupSize, referenceGroup });
const group = (entry: FairnessEntry, name: string) => entry.groups.find((g) => g.group === name)!;

describe('fairness of one group column', () => {
  const entry = entryOf();

  it.each([
    ['A', { n: 10, selectionRate: 0.6, tpr: 0.8, fpr: 0.4, precision: 4 / 6, ratioToReference: 1, fourFifths: 'pass', pValue: null, insufficientSample: false }],
    ['B', { n: 10, selectionRate: 0.3, tpr: 0.4, fpr: 0.2, precision: 2 / 3, ratioToReference: 0.5, fourFifths: 'fail', insufficientSample: false }],
    ['C', { n: 2, selectionRate: 1, tpr: 1, fpr: null, precision: 1, ratioToReference: 1 / 0.6, fourFifths: null, pValue: null, insufficientSample: true }],
  ])('reports the rates of group %s', (name, expected) => {
    expect(group(entry, name as string)).toMatchObject(expected);
  });

  it('takes the eligible group with the highest selection rate as the reference', () => {
    expect(entry.referenceGroup).toBe('A');
  });

  it('computes the aggregates over eligible groups only', () => {
    expect(entry.adverseImpactRatio).toBeCloseTo(0.3 / 0.6, 12);
    expect(entry.demographicParityDifference).toBeCloseTo(0.3, 12);
    expect(entry.equalOpportunityDifference).toBeCloseTo(0.4, 12);
    expect(entry.equalizedOddsDifference).toBeCloseTo(Math.max(0.8 - 0.4, 0.4 - 0.2), 12);
    expect(entry.predictiveParityDifference).toBeCloseTo(0, 12);
  });

  it('tests B against A with the pooled two-proportion z-test', () => {
    // p = 9/20 = 0.45, se = √(0.45·0.55·(1/10 + 1/10)) = 0.222486, z = −0.3/se = −1.348400, p = 2·(1 − Φ(1.3484)) = 0.17753
    expect(group(entry, 'B').pValue).toBeCloseTo(0.17753, 4);
  });

  it('computes AUC within each group, ties counted one half', () => {
    // A: 4 positives at 0.9, 1 at 0.1; negatives 2 at 0.9, 3 at 0.1: (4·3 + ½·4·2 + ½·1·3) / (5·5) = 17.5 / 25
    expect(group(entry, 'A').auc).toBeCloseTo(0.7, 12);
  });
});

describe('fairness at the edges', () => {
  it('uses the reference group the mapping names', () => {
    const entry = entryOf(ages, 'B');
    expect(entry.referenceGroup).toBe('B');
    expect(group(entry, 'A')).toMatchObject({ ratioToReference: 2, fourFifths: 'pass' });
    expect(group(entry, 'B').pValue).toBeNull();
  });

  it('gives no aggregates when only one group is eligible', () => {
    const entry = entryOf(ages, undefined, 11);
    expect(entry.referenceGroup).toBeNull();
    expect(entry.groups.every((g) => g.insufficientSample)).toBe(true);
    expect(entry).toMatchObject({ adverseImpactRatio: null, demographicParityDifference: null, equalizedOddsDifference: null });
  });

  it('gives no aggregates for a column with one group only', () => {
    const entry = entryOf(rows([['A', 1, 1, 3], ['A', 0, 0, 3]]), undefined, 1);
    expect(entry.referenceGroup).toBe('A');
    expect(entry.adverseImpactRatio).toBeNull();
  });

  it('reports an empty group with undefined rates as an insufficient sample', () => {
    const data = { ...ages, column: { ...ages.column, levels: [...ages.column.levels, 'D'] } };
    expect(group(entryOf(data), 'D')).toMatchObject({ n: 0, selectionRate: null, tpr: null, auc: null, insufficientSample: true, pValue: null });
  });

  it('gives p = 1 when both groups select everyone', () => {
    const entry = entryOf(rows([['A', 1, 1, 5], ['B', 0, 1, 5]]));
    expect(group(entry, 'B')).toMatchObject({ pValue: 1, ratioToReference: 1 });
    expect(entry.adverseImpactRatio).toBe(1);
  });

  it('leaves the ratios undefined when no group is selected', () => {
    const entry = entryOf(rows([['A', 1, 0, 5], ['B', 0, 0, 5]]));
    expect(entry.adverseImpactRatio).toBeNull();
    expect(group(entry, 'B').ratioToReference).toBeNull();
    expect(entry.demographicParityDifference).toBe(0);
  });
});

describe('group columns', () => {
  it('encodes levels in sorted order whatever the row order', () => {
    expect(groupColumn('sex', ['M', 'F', 'M'])).toEqual({ name: 'sex', levels: ['F', 'M'], codes: Uint32Array.from([1, 0, 1]) });
  });

  it('intersects two columns into the combinations that occur', () => {
    const both = intersection(groupColumn('age', ['A', 'A', 'B', 'B']), groupColumn('sex', ['F', 'M', 'F', 'F']));
    expect(both).toEqual({ name: 'age × sex', levels: ['A | F', 'A | M', 'B | F'], codes: Uint32Array.from([0, 1, 2, 2]) });
  });
});
