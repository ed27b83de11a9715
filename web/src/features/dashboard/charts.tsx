import type { ReactNode } from 'react';
import { formatNumber } from '../../ui/format';

export interface Bar {
  label: string;
  value: number;
}

/** Horizontal bars as inline SVG; the numbers are in the table beside it, so the drawing is a picture. */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const row = 28;
  return (
    <svg className="chart" viewBox={`0 0 320 ${bars.length * row + 4}`} role="img" aria-label={`${title}, as bars; the table gives the numbers`}>
      {bars.map((bar, index) => (
        <g key={bar.label} transform={`translate(0 ${index * row + 2})`}>
          <text x="0" y="17" className="chart-label">
            {bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label}
          </text>
          <rect x="120" y="4" height="18" width={(bar.value / max) * 160} className="chart-bar" />
          <text x={126 + (bar.value / max) * 160} y="17" className="chart-value">
            {formatNumber(bar.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The same bars as a table of numbers. */
export function BarTable({ bars, caption, unit }: { bars: Bar[]; caption: string; unit: string }) {
  return (
    <table className="figures">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">{unit}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.label}>
            <th scope="row">{bar.label}</th>
            <td>{formatNumber(bar.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A titled figure: the drawing and its table side by side (stacked on a narrow screen). */
export function Figure({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="figure" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="figure-body">{children}</div>
    </section>
  );
}
