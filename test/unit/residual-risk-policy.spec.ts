import { residualRisk, type ResidualRisk, type ScoreBand } from '../../src/domain/scoring.js';
import type { KnockoutSeverity } from '../../src/domain/questionnaire-template.js';
import type { Tier } from '../../src/domain/tiering.js';

/**
 * The residual-risk policy as signed: one row per inherent tier and control band, the outcome
 * without a knockout, then with one fired knockout of each severity. Written out by hand, not
 * read from the code's matrix.
 */
const POLICY: [Tier, ScoreBand, { none: ResidualRisk; low: ResidualRisk; medium: ResidualRisk; high: ResidualRisk; critical: ResidualRisk }][] = [
  ['low', 'strong', { none: 'low', low: 'low', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['low', 'adequate', { none: 'low', low: 'low', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['low', 'weak', { none: 'moderate', low: 'moderate', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['low', 'poor', { none: 'high', low: 'high', medium: 'high', high: 'high', critical: 'severe' }],
  ['medium', 'strong', { none: 'low', low: 'low', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['medium', 'adequate', { none: 'moderate', low: 'moderate', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['medium', 'weak', { none: 'high', low: 'high', medium: 'high', high: 'high', critical: 'severe' }],
  ['medium', 'poor', { none: 'severe', low: 'severe', medium: 'severe', high: 'severe', critical: 'severe' }],
  ['high', 'strong', { none: 'moderate', low: 'moderate', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['high', 'adequate', { none: 'moderate', low: 'moderate', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['high', 'weak', { none: 'high', low: 'high', medium: 'high', high: 'high', critical: 'severe' }],
  ['high', 'poor', { none: 'severe', low: 'severe', medium: 'severe', high: 'severe', critical: 'severe' }],
  ['critical', 'strong', { none: 'moderate', low: 'moderate', medium: 'moderate', high: 'high', critical: 'severe' }],
  ['critical', 'adequate', { none: 'high', low: 'high', medium: 'high', high: 'high', critical: 'severe' }],
  ['critical', 'weak', { none: 'severe', low: 'severe', medium: 'severe', high: 'severe', critical: 'severe' }],
  ['critical', 'poor', { none: 'severe', low: 'severe', medium: 'severe', high: 'severe', critical: 'severe' }],
];

/** The edges of each band: its highest and lowest control score (scores carry one decimal). */
const BAND_EDGES: Record<ScoreBand, [number, number]> = {
  strong: [100, 80],
  adequate: [79.9, 60],
  weak: [59.9, 40],
  poor: [39.9, 0],
};

const SEVERITIES: KnockoutSeverity[] = ['low', 'medium', 'high', 'critical'];

const knockout = (severity: KnockoutSeverity, questionId = 'KO-01') => ({ questionId, severity, finding: 'A knockout answer', answer: 'no' });

const cells = POLICY.flatMap(([tier, band, outcomes]) =>
  BAND_EDGES[band].flatMap((score) => [
    { tier, band, score, knockout: 'none' as const, expected: outcomes.none },
    ...SEVERITIES.map((severity) => ({ tier, band, score, knockout: severity, expected: outcomes[severity] })),
  ]),
);

describe('the residual-risk policy, every cell', () => {
  it('covers every tier and band exactly once', () => {
    const rows = POLICY.map(([tier, band]) => `${tier}/${band}`);
    expect(new Set(rows).size).toBe(16);
  });

  it.each(cells)('a $tier tier scoring $score ($band) with knockout $knockout is $expected', ({ tier, band, score, knockout: severity, expected }) => {
    const result = residualRisk(tier, score, severity === 'none' ? [] : [knockout(severity)]);
    expect({ band: result.band, risk: result.risk }).toEqual({ band, risk: expected });
  });

  it.each(POLICY.filter(([, band]) => band === 'poor'))('takes a %s tier with nothing scored as the poor band, without naming a band', (tier, _band, outcomes) => {
    expect(residualRisk(tier, null, [])).toMatchObject({ band: null, risk: outcomes.none });
    expect(residualRisk(tier, null, [knockout('critical')])).toMatchObject({ band: null, risk: outcomes.critical });
  });
});

describe('knockouts in the residual risk', () => {
  it('takes the worst of several fired knockouts, whatever their order', () => {
    const fired = [knockout('medium', 'KO-01'), knockout('critical', 'KO-02'), knockout('low', 'KO-03')];
    expect(residualRisk('low', 95, fired).risk).toBe('severe');
    expect(residualRisk('low', 95, [...fired].reverse()).risk).toBe('severe');
  });

  it('names in the explanation a knockout that raised the risk', () => {
    expect(residualRisk('medium', 85, [knockout('high', 'DATA-04')]).why).toEqual([
      'Control score 85 is in the strong band, giving low for a medium tier',
      'Knockout on DATA-04 (high) raises it to high',
    ]);
  });

  it('leaves out of the explanation a knockout that changed nothing', () => {
    expect(residualRisk('critical', 30, [knockout('high', 'DATA-04')]).why).toEqual(['Control score 30 is in the poor band, giving severe for a critical tier']);
  });
});
