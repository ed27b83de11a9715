import { scoreWithKnockouts } from '../../src/reports/pdf/text.js';

describe('the control score headline of the report', () => {
  const ko = (severity: string) => ({ severity });
  it.each([
    [98.4, [ko('critical')], '98.4, with 1 critical knockout'],
    [98.4, [ko('critical'), ko('critical'), ko('high')], '98.4, with 2 critical knockouts and 1 high knockout'],
    [72, [], '72.0, no knockouts'],
    [null, [ko('medium')], 'no score, with 1 medium knockout'],
  ])('reads %s with %j as "%s"', (score, knockouts, text) => {
    expect(scoreWithKnockouts(score, knockouts)).toBe(text);
  });
});
