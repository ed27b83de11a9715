import type { Schemas } from '../../api/client';
import { formatNumber } from '../../ui/format';
import { BarChart, Figure } from './charts';

const SEVERITY_WORDS: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Open findings per severity, drawn as totals, tabulated by age. */
export function FindingsFigure({ rows }: { rows: Schemas['FindingAge'][] }) {
  const bars = rows.map((row) => ({ label: SEVERITY_WORDS[row.severity] ?? row.severity, value: row.under30Days + row.from30To90Days + row.over90Days }));
  return (
    <Figure id="findings" title="Open findings by severity and age">
      <BarChart bars={bars} title="Open findings by severity" />
      <table className="figures">
        <caption>Open findings by severity and days open</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Under 30 days</th>
            <th scope="col">30–89 days</th>
            <th scope="col">90 days or more</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.severity}>
              <th scope="row">{bars[index].label}</th>
              <td>{formatNumber(row.under30Days)}</td>
              <td>{formatNumber(row.from30To90Days)}</td>
              <td>{formatNumber(row.over90Days)}</td>
              <td>{formatNumber(bars[index].value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Figure>
  );
}
