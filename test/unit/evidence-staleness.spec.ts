import { addMonths, freshness, maxAgeFor, type DatedEvidence } from '../../src/domain/evidence-staleness.js';

const asOf = new Date('2025-06-30T23:59:00Z');
const evidence = (fields: Partial<DatedEvidence>): DatedEvidence => ({ documentDate: null, expiresAt: null, maxAgeMonths: null, ...fields });

describe('adding months to a date', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-06-15', 12, '2025-06-15'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('whether evidence is current on the report date', () => {
  it.each<[string, Partial<DatedEvidence>, string]>([
    ['a document with no age limit and no expiry', { documentDate: '2010-01-01' }, 'current'],
    ['a document exactly at its age limit', { documentDate: '2024-06-30', maxAgeMonths: 12 }, 'current'],
    ['a document a day past its age limit', { documentDate: '2024-06-29', maxAgeMonths: 12 }, 'stale'],
    ['a document expiring on the report date', { expiresAt: '2025-06-30' }, 'current'],
    ['a document past its expiry date', { expiresAt: '2025-06-29' }, 'expired'],
    ['a document both stale and expired', { documentDate: '2020-01-01', maxAgeMonths: 12, expiresAt: '2021-01-01' }, 'expired'],
    ['a document under an age limit without a date', { maxAgeMonths: 6 }, 'undated'],
  ])('rates %s as %s', (_what, fields, state) => {
    expect(freshness(evidence(fields), asOf).state).toBe(state);
  });

  it('says why, with the dates that decided it', () => {
    expect(freshness(evidence({ documentDate: '2020-01-01', maxAgeMonths: 12, expiresAt: '2021-01-01' }), asOf)).toEqual({
      state: 'expired',
      currentUntil: '2021-01-01',
      reasons: ['expired on 2021-01-01', 'older than 12 months (dated 2020-01-01)'],
    });
  });

  it('judges on the day given, never on the clock', () => {
    const old = evidence({ documentDate: '2024-01-01', maxAgeMonths: 12 });
    expect(freshness(old, new Date('2024-12-31T12:00:00Z')).state).toBe('current');
    expect(freshness(old, new Date('2025-01-02T00:00:00Z')).state).toBe('stale');
  });
});

describe('the age limit of a document', () => {
  const questions = new Map([
    ['MOD-01', { evidence: { expected: ['model_card'], required: true, maxAgeMonths: 12 } }],
    ['MOD-02', { evidence: { expected: ['validation_report'], required: false, maxAgeMonths: 6 } }],
    ['GOV-01', { evidence: { expected: ['policy'], required: false } }],
    ['GOV-02', {}],
  ]);

  it('is the strictest limit among the questions it supports', () => {
    expect(maxAgeFor(['MOD-01', 'MOD-02', 'GOV-01'], questions)).toBe(6);
  });

  it('is none when no linked question sets one', () => {
    expect(maxAgeFor(['GOV-01', 'GOV-02', 'UNKNOWN'], questions)).toBeNull();
    expect(maxAgeFor([], questions)).toBeNull();
  });
});
