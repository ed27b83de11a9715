import type { Schemas } from '../../api/client';
import { formatNumber } from '../../ui/format';
import { RESIDUAL_WORDS, TIER_WORDS } from '../../ui/words';

const TIERS = ['critical', 'high', 'medium', 'low'] as const;
const RESIDUALS = ['low', 'moderate', 'high', 'severe'] as const;
const SHADES = ['#f5f7fa', '#fde7c7', '#f9b97a', '#e0702f', '#a1260f'];

/** Assessed AI systems per inherent tier (rows) and residual risk (columns), drawn and tabulated. */
export function HeatMap({ cells }: { cells: Schemas['TierResidualCell'][] }) {
  const count = (tier: string, residual: string) => cells.find((c) => c.tier === tier && c.residualRisk === residual)?.aiSystems ?? 0;
  const max = Math.max(1, ...cells.map((c) => c.aiSystems));
  const shade = (n: number) => SHADES[n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4))];
  const size = 48;
  return (
    <>
      <svg className="chart heat" viewBox={`0 0 ${90 + RESIDUALS.length * size} ${30 + TIERS.length * size}`} role="img" aria-label="Heat map of tier by residual risk; the table gives the numbers">
        {RESIDUALS.map((residual, col) => (
          <text key={residual} x={90 + col * size + size / 2} y="20" textAnchor="middle" className="chart-label">
            {RESIDUAL_WORDS[residual]}
          </text>
        ))}
        {TIERS.map((tier, row) => (
          <g key={tier} transform={`translate(0 ${30 + row * size})`}>
            <text x="0" y={size / 2 + 5} className="chart-label">
              {TIER_WORDS[tier]}
            </text>
            {RESIDUALS.map((residual, col) => {
              const n = count(tier, residual);
              return (
                <g key={residual}>
                  <rect x={90 + col * size} y="0" width={size - 2} height={size - 2} fill={shade(n)} stroke="#c9d1d9" />
                  <text x={90 + col * size + size / 2 - 1} y={size / 2 + 5} textAnchor="middle" className={n / max > 0.6 ? 'chart-value on-dark' : 'chart-value'}>
                    {formatNumber(n)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <table className="figures">
        <caption>AI systems by inherent tier (rows) and residual risk (columns)</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            {RESIDUALS.map((residual) => (
              <th scope="col" key={residual}>
                {RESIDUAL_WORDS[residual]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => (
            <tr key={tier}>
              <th scope="row">{TIER_WORDS[tier]}</th>
              {RESIDUALS.map((residual) => (
                <td key={residual}>{formatNumber(count(tier, residual))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
