import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatNumber } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { BarChart, BarTable, Figure } from './charts';
import { FindingsFigure } from './FindingsFigure';
import { HeatMap } from './HeatMap';

/** The portfolio for a board pack: each chart with its numbers in a table beside it. */
export function PortfolioPage() {
  const summary = useQuery({ queryKey: keys.summary, queryFn: () => call(api.GET('/api/v1/portfolio/summary')) });
  if (summary.isPending) return <p role="status">Loading…</p>;
  if (summary.error) return <ProblemMessage error={summary.error} />;
  const s = summary.data;
  const expiring = [
    { label: 'Within 30 days', value: s.approvalsExpiring.within30Days },
    { label: 'Within 60 days', value: s.approvalsExpiring.within60Days },
    { label: 'Within 90 days', value: s.approvalsExpiring.within90Days },
  ];
  const providers = s.concentration.slice(0, 8).map((c) => ({ label: c.provider, value: c.aiSystems }));
  return (
    <section className="wide">
      <h1>Portfolio dashboard</h1>
      <ul className="stats">
        <li>
          <strong>{formatNumber(s.aiSystems)}</strong> AI systems
        </li>
        <li>
          <strong>{formatNumber(s.vendors)}</strong> vendors
        </li>
        <li>
          <strong>{formatNumber(s.overdueReassessments)}</strong> approvals expired
        </li>
        <li>
          <strong>{formatNumber(s.conditionsOverdue)}</strong> conditions overdue
        </li>
      </ul>
      <Figure id="heat-map" title="Inherent tier × residual risk">
        <HeatMap cells={s.tierByResidualRisk} />
      </Figure>
      <Figure id="expiring" title="Approvals expiring">
        <BarChart bars={expiring} title="Approvals expiring" />
        <BarTable bars={expiring} caption="Approvals expiring (each includes the shorter period)" unit="Approvals" />
      </Figure>
      <FindingsFigure rows={s.openFindingsBySeverity} />
      <Figure id="providers" title="Concentration on foundation-model providers">
        {providers.length === 0 ? (
          <p>No AI system names a foundation-model provider.</p>
        ) : (
          <>
            <BarChart bars={providers} title="AI systems per foundation-model provider" />
            <table className="figures">
              <caption>AI systems and vendors per foundation-model provider</caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">AI systems</th>
                  <th scope="col">Vendors</th>
                </tr>
              </thead>
              <tbody>
                {s.concentration.map((c) => (
                  <tr key={c.provider}>
                    <th scope="row">{c.provider}</th>
                    <td>{formatNumber(c.aiSystems)}</td>
                    <td>{formatNumber(c.vendors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Figure>
      <p>
        <Link to="/inventory">Open the model inventory</Link>
      </p>
    </section>
  );
}
