import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Conditions of approvals that are open past their due date. */
export function OverdueConditions() {
  const query = { overdue: 'true' as const, limit: 50 };
  const list = useQuery({ queryKey: keys.conditions(query), queryFn: () => call(api.GET('/api/v1/conditions', { params: { query } })) });
  return (
    <section className="panel" aria-labelledby="overdue-conditions">
      <h2 id="overdue-conditions">Conditions overdue {list.data && <span className="count">({list.data.items.length})</span>}</h2>
      {list.isPending && <p role="status">Loading…</p>}
      <ProblemMessage error={list.error} />
      {list.data?.items.length === 0 && <p className="hint">No condition is overdue.</p>}
      <ul className="cards">
        {list.data?.items.map((condition) => (
          <li key={condition.id}>
            <Link to={`/assessments/${condition.assessmentId}/status`}>{condition.text}</Link>
            <span>Was due {formatDay(condition.dueDate)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
