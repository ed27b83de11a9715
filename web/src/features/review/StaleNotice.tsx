import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../ui/format';
import { readAssessment, type TaggedAssessment } from './queries';
import { STAFF_STATUS } from './words';

/** The assessment changed under the reviewer (412): what they saw, what it is now, and a way to reload. */
export function StaleNotice({ seen, onReload }: { seen: TaggedAssessment; onReload: () => void }) {
  const now = useQuery({ queryKey: ['stale-check', seen.assessment.id, seen.etag], queryFn: () => readAssessment(seen.assessment.id), staleTime: 0 });
  const rows: [string, string, string][] = now.data
    ? [
        ['Status', STAFF_STATUS[seen.assessment.status], STAFF_STATUS[now.data.assessment.status]],
        ['Version', seen.etag, now.data.etag],
        ['Last changed', formatDateTime(seen.assessment.updatedAt), formatDateTime(now.data.assessment.updatedAt)],
      ]
    : [];
  return (
    <div className="problem" role="alert">
      <p className="problem-title">Someone else changed this assessment after you opened it. Nothing was saved.</p>
      {now.isPending && <p>Reading what changed…</p>}
      {now.data && (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>What changed</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">When you opened it</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([field, before, after]) => (
                <tr key={field} className={before === after ? undefined : 'changed'}>
                  <th scope="row">{field}</th>
                  <td>{before}</td>
                  <td>{after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>Reload to see the assessment as it is now, then decide again.</p>
      <button type="button" onClick={onReload}>
        Reload the assessment
      </button>
    </div>
  );
}
