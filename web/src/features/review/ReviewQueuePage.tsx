import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { STAFF_STATUS } from './words';

type Filter = { status?: 'submitted' | 'in_review' | 'clarification_requested'; reviewer?: 'me'; overdue?: 'true' };

const QUEUES: { name: string; filter: Filter; empty: string }[] = [
  { name: 'Submitted', filter: { status: 'submitted' }, empty: 'No submitted assessment is waiting for a reviewer.' },
  { name: 'In review', filter: { status: 'in_review' }, empty: 'No assessment is in review.' },
  { name: 'Mine', filter: { reviewer: 'me' }, empty: 'You have not started any review.' },
  { name: 'Clarification pending', filter: { status: 'clarification_requested' }, empty: 'No vendor owes an answer to a clarification.' },
  { name: 'Overdue', filter: { overdue: 'true' }, empty: 'No vendor is past its due date.' },
];

/** The risk manager's queues: what is waiting for review, what is theirs, what is stuck with the vendor. */
export function ReviewQueuePage() {
  const [chosen, setChosen] = useState(0);
  const queue = QUEUES[chosen];
  const list = useQuery({
    queryKey: [...keys.assessments, queue.filter],
    queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 100, ...queue.filter } } })),
  });
  return (
    <section className="review-queue">
      <h1>Review queue</h1>
      <div className="queue-tabs" role="group" aria-label="Queues">
        {QUEUES.map((q, index) => (
          <button key={q.name} type="button" aria-pressed={index === chosen} onClick={() => setChosen(index)}>
            {q.name}
          </button>
        ))}
      </div>
      {list.isPending && <p role="status">Loading…</p>}
      <ProblemMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p>{queue.empty}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{queue.name}: {list.data.items.length} assessment(s), soonest due first</caption>
            <thead>
              <tr>
                <th scope="col">AI system</th>
                <th scope="col">Vendor</th>
                <th scope="col">Tier</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/review/${a.id}`}>{`${a.aiSystemName ?? 'AI system'} (cycle ${a.cycle})`}</Link>
                  </th>
                  <td>{a.vendorName}</td>
                  <td>{a.inherentTier}</td>
                  <td>{STAFF_STATUS[a.status]}</td>
                  <td>{formatDay(a.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
