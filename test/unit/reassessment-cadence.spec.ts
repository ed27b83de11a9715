import { addMonths, DEFAULT_CADENCE_MONTHS, parseCadence } from '../../src/domain/reassessment-cadence.js';

describe('adding months to a date', () => {
  it.each([
    ['2026-05-15', 1, '2026-06-15', 'a mid-month day keeps its day'],
    ['2026-05-15', 0, '2026-05-15', 'no months is the same day'],
    ['2026-01-31', 1, '2026-02-28', 'Jan 31 lands on the last day of February'],
    ['2028-01-31', 1, '2028-02-29', 'Jan 31 lands on Feb 29 in a leap year'],
    ['2026-03-31', 1, '2026-04-30', 'a 31st lands on the 30th of a 30-day month'],
    ['2026-04-30', 1, '2026-05-30', 'a 30th stays the 30th in a 31-day month'],
    ['2028-02-29', 12, '2029-02-28', 'Feb 29 plus a year is Feb 28'],
    ['2028-02-29', 48, '2032-02-29', 'Feb 29 plus four years is Feb 29'],
    ['2026-12-15', 1, '2027-01-15', 'December rolls over into January of the next year'],
    ['2026-12-31', 1, '2027-01-31', 'Dec 31 rolls over to Jan 31'],
    ['2026-11-30', 3, '2027-02-28', 'November plus three months ends in February of the next year'],
    ['2026-08-31', 6, '2027-02-28', 'six months from Aug 31'],
    ['2026-01-01', 120, '2036-01-01', 'ten years'],
    ['2099-12-31', 2, '2100-02-28', '2100 is not a leap year'],
    ['1999-12-31', 2, '2000-02-29', '2000 is a leap year'],
  ])('%s + %d months is %s (%s)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('the reassessment cadence', () => {
  it('reassesses a critical tier every 6 months, high 12, medium 24 and low 36 by default', () => {
    expect(DEFAULT_CADENCE_MONTHS).toEqual({ critical: 6, high: 12, medium: 24, low: 36 });
    expect(parseCadence(undefined)).toEqual({ critical: 6, high: 12, medium: 24, low: 36 });
    expect(parseCadence('')).toEqual({ critical: 6, high: 12, medium: 24, low: 36 });
    expect(parseCadence('   ')).toEqual({ critical: 6, high: 12, medium: 24, low: 36 });
  });

  it.each([
    ['critical', '2027-02-28'],
    ['high', '2027-08-31'],
    ['medium', '2028-08-31'],
    ['low', '2029-08-31'],
  ] as const)('makes a %s tier decided on 2026-08-31 due again on %s', (tier, due) => {
    expect(addMonths('2026-08-31', parseCadence(undefined)[tier])).toBe(due);
  });

  it.each([
    ['critical=3', { critical: 3, high: 12, medium: 24, low: 36 }],
    ['high=6', { critical: 6, high: 6, medium: 24, low: 36 }],
    ['medium=18', { critical: 6, high: 12, medium: 18, low: 36 }],
    ['low=48', { critical: 6, high: 12, medium: 24, low: 48 }],
    [' critical = 1 , low = 120 ', { critical: 1, high: 12, medium: 24, low: 120 }],
    ['critical=3,high=6,medium=12,low=24', { critical: 3, high: 6, medium: 12, low: 24 }],
  ])('overrides only the tiers named in "%s"', (text, cadence) => {
    expect(parseCadence(text)).toEqual(cadence);
  });

  it.each(['critical=0', 'critical=121', 'critical=-6', 'critical=6.5', 'critical=six', 'critical=', 'critical', '=6', 'urgent=6', 'toString=6', 'high=12,,low=36'])(
    'refuses "%s"',
    (text) => {
      expect(() => parseCadence(text)).toThrow(/^REASSESSMENT_MONTHS: ".*" is not tier=months \(1 to 120\)$/);
    },
  );
});
