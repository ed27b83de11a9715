import { canonicalJson, sortKeys } from '../../src/domain/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts object keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same value whatever the key order', () => {
    const one = { role: 'admin', email: 'a@bank.example', changes: { name: { before: 'A', after: 'B' } } };
    const two = { changes: { name: { after: 'B', before: 'A' } }, email: 'a@bank.example', role: 'admin' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('keeps the order of arrays, which carries meaning', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes dates as ISO 8601 in UTC, at any depth', () => {
    const at = new Date('2026-03-01T10:00:00.123+02:00');
    expect(canonicalJson({ at, nested: [at] })).toBe('{"at":"2026-03-01T08:00:00.123Z","nested":["2026-03-01T08:00:00.123Z"]}');
  });

  it('drops undefined properties but keeps nulls', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it.each([
    [null, 'null'],
    [0, '0'],
    ['text', '"text"'],
    [true, 'true'],
    ['ünïcødé — "quoted"', '"ünïcødé — \\"quoted\\""'],
  ])('writes the scalar %j as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('does not change the value it is given', () => {
    const value = { b: { d: 1, c: 2 }, a: [new Date(0)] };
    const copy = structuredClone(value);
    sortKeys(value);
    expect(value).toEqual(copy);
  });
});
