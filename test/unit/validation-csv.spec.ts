import { Readable } from 'node:stream';
import { readMapping, type ValidationMapping } from '../../src/domain/validation/mapping.js';
import { numberCell, readSample, SampleError } from '../../src/validation/sample-reader.js';

const classification = (extra: Record<string, unknown> = {}) => readMapping({ kind: 'classification', label: 'y', score: 's', ...extra }).mapping!;
const read = (csv: string, mapping: ValidationMapping) => readSample(Readable.from([csv]), mapping);

async function failure(csv: string, mapping: ValidationMapping): Promise<SampleError> {
  const error = await read(csv, mapping).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SampleError);
  return error as SampleError;
}

describe('the mapping', () => {
  it('fills in the defaults', () => {
    expect(classification()).toEqual({ kind: 'classification', label: 'y', score: 's', threshold: 0.5, positiveLabel: '1', groups: [], features: [], minGroupSize: 30, bootstrap: 1000, seed: 1 });
  });

  it.each([
    [{ kind: 'regression' }, 'mapping.kind'],
    [{ kind: 'classification', score: 's' }, 'mapping.label'],
    [{ kind: 'classification', label: 'y' }, 'mapping.score'],
    [{ kind: 'classification', label: 'y', score: 's', threshold: '0.5' }, 'mapping.threshold'],
    [{ kind: 'classification', label: 'y', score: 's', bootstrap: 10_001 }, 'mapping.bootstrap'],
    [{ kind: 'classification', label: 'y', score: 's', minGroupSize: 0 }, 'mapping.minGroupSize'],
    [{ kind: 'classification', label: 'y', score: 's', seed: 1.5 }, 'mapping.seed'],
    [{ kind: 'classification', label: 'y', score: 's', groups: 'age' }, 'mapping.groups'],
    [{ kind: 'classification', label: 'y', score: 's', colour: 'red' }, 'mapping.colour'],
    [{ kind: 'classification', label: 'y', score: 's', referenceValidationId: 'last' }, 'mapping.referenceValidationId'],
    [{ kind: 'classification', label: 'y', score: 's', groups: ['age'], referenceGroups: { sex: 'F' } }, 'mapping.referenceGroups.sex'],
    [{ kind: 'classification', label: 'y', score: 'y' }, 'mapping'],
    [{ kind: 'generative_eval', category: 'c' }, 'mapping.outcome'],
    [[], 'mapping'],
  ])('refuses %j naming %s', (input, field) => {
    expect(readMapping(input).problems.map((p) => p.field)).toContain(field);
  });
});

describe('number cells', () => {
  it.each([
    ['0.25', 0.25],
    ['-3', -3],
    ['+.5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['0', 0],
  ])('reads %p as %p', (cell, value) => {
    expect(numberCell(cell)).toBe(value);
  });

  it.each(['', 'abc', '0x1f', '0b101', '0o7', 'Infinity', '-Infinity', '1e999', '1_000', '-', '.', 'NaN'])('refuses %p', (cell) => {
    expect(numberCell(cell)).toBeNaN();
  });
});

describe('reading a classification sample', () => {
  it('streams the columns into typed arrays and derives predictions at the threshold', async () => {
    const parsed = await read('y,s,age,income,region\n1,0.9,30-44,100,n\n0,0.2,60+,,s\n0,0.6,30-44,50.5,n\n', classification({ groups: ['age'], features: ['income', 'region'] }));
    if (parsed.kind !== 'classification') throw new Error('expected a classification sample');
    expect(Array.from(parsed.sample.labels)).toEqual([1, 0, 0]);
    expect(Array.from(parsed.sample.scores!)).toEqual([0.9, 0.2, 0.6]);
    expect(Array.from(parsed.sample.predictions)).toEqual([1, 0, 1]);
    expect(parsed.groups[0]).toEqual({ name: 'age', levels: ['30-44', '60+'], codes: Uint32Array.from([0, 1, 0]) });
    expect(parsed.features[0]).toEqual({ name: 'income', kind: 'numeric', values: Float64Array.from([100, NaN, 50.5]) });
    expect(parsed.features[1]).toEqual({ name: 'region', kind: 'categorical', values: ['n', 's', 'n'] });
  });

  it('reads a named positive label and a prediction column', async () => {
    const parsed = await read('outcome,decision\nbad,bad\ngood,bad\n', readMapping({ kind: 'classification', label: 'outcome', prediction: 'decision', positiveLabel: 'bad' }).mapping!);
    if (parsed.kind !== 'classification') throw new Error('expected a classification sample');
    expect(parsed.sample.scores).toBeNull();
    expect([Array.from(parsed.sample.labels), Array.from(parsed.sample.predictions)]).toEqual([[1, 0], [1, 1]]);
  });

  it('turns a feature categorical when a cell is not a number, keeping the earlier cells', async () => {
    const parsed = await read('y,s,band\n1,0.9,1\n0,0.1,\n0,0.2,high\n', classification({ features: ['band'] }));
    expect(parsed.kind === 'classification' && parsed.features[0]).toEqual({ name: 'band', kind: 'categorical', values: ['1', '', 'high'] });
  });

  it('keeps a blank group cell as its own group', async () => {
    const parsed = await read('y,s,sex\n1,0.9,\n0,0.1,F\n', classification({ groups: ['sex'] }));
    expect(parsed.kind === 'classification' && parsed.groups[0].levels).toEqual(['(blank)', 'F']);
  });

  it.each([
    ['y,s\n1,0.9\n,0.2\n', {}, 3, 'y', 'the label is missing'],
    ['y,s\n1,0.9\n0,abc\n', {}, 3, 's', '"abc" is not a number'],
    ['y,s\n1,0.9\n0,\n', {}, 3, 's', 'the score is missing'],
    ['y,s\n1,0.9\n0,0x1f\n', {}, 3, 's', '"0x1f" is not a number'],
    ['y,s\n1,0.9\n0,0.1\n2,0.3\n', {}, 4, 'y', 'third label value'],
    ['y,s\n0,0.9\n0,0.1\n', {}, 3, 'y', 'fewer than 2 classes'],
    ['y,s\n1,0.9\n1,0.1\n', {}, 3, 'y', 'fewer than 2 classes'],
    ['y,s\n', {}, 2, null, 'no rows'],
    ['y,score\n1,0.9\n', {}, 1, 's', 'does not have'],
    ['y,s\n1,0.9\n', { groups: ['age'] }, 1, 'age', 'does not have'],
    ['y,s,y\n1,0.9,1\n', {}, 1, 'y', 'twice'],
    ['y,s\n1,0.9\n0,0.1,7\n', {}, 3, null, 'cannot be read'],
  ])('fails %j naming the row and column', async (csv, extra, row, column, message) => {
    const error = await failure(csv, classification(extra));
    expect([error.row, error.column]).toEqual([row, column]);
    expect(error.message).toContain(message);
  });

  it('fails an empty file', async () => {
    expect((await failure('', classification())).message).toContain('empty');
  });
});

describe('reading generative evaluation cases', () => {
  const mapping = readMapping({ kind: 'generative_eval', category: 'category', outcome: 'outcome' }).mapping!;

  it('reads pass and fail in any case', async () => {
    const parsed = await read('category,outcome\njailbreak,FAIL\ntoxicity,pass\n', mapping);
    expect(parsed.kind === 'generative_eval' && [parsed.categories, Array.from(parsed.failed)]).toEqual([['jailbreak', 'toxicity'], [1, 0]]);
  });

  it('fails an outcome that is neither pass nor fail', async () => {
    const error = await failure('category,outcome\njailbreak,maybe\n', mapping);
    expect([error.row, error.column, error.message]).toEqual([2, 'outcome', 'row 2, column "outcome": "maybe" is not pass or fail']);
  });
});
