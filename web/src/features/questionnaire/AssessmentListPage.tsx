import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { STATUS_WORDS } from './status';

export function AssessmentListPage() {
  const list = useQuery({ queryKey: keys.assessments, queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 100 } } })) });
  return (
    <section>
      <h1>Your assessments</h1>
      {list.isPending && <p role="status">Loading…</p>}
      <ProblemMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p>There is no assessment for you to answer yet.</p>}
      <ul className="cards">
        {list.data?.items.map((assessment) => (
          <li key={assessment.id}>
            <Link to={`/assessments/${assessment.id}`}>Assessment due {formatDay(assessment.dueDate)}</Link>
            <span>{STATUS_WORDS[assessment.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
