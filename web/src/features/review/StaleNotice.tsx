import { useQuery } from '@tanstack/react-query';
import { api, ApiProblem, call } from '../../api/client';
import { OUTCOME_WORDS, readAssessment, type Decision, type TaggedAssessment } from './queries';
import { STAFF_STATUS } from './words';

const toTheSecond = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const version = (etag: string) => etag.replace(/^W\//, '').replace(/"/g, '');

function decisionInWords(decision: Decision | null): string {
  if (!decision || decision.status === 'void') return 'None';
  const what = `${OUTCOME_WORDS[decision.outcome]} proposed by ${decision.decidedByName}`;
  return decision.status === 'pending_confirmation' ? `${what}, waiting for a second risk manager` : `${what}, final`;
}

async function readBoth(id: string) {
  const tagged = await readAssessment(id);
  try {
    return { ...tagged, decision: await call(api.GET('/api/v1/assessments/{id}/decision', { params: { path: { id } } })) };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return { ...tagged, decision: null };
    throw error;
  }
}

/** The assessment changed under the reviewer (412): what they saw, what it is now, and a way to reload. */
export function StaleNotice({ seen, seenDecision, onReload }: { seen: TaggedAssessment; seenDecision: Decision | null; onReload: () => void }) {
  const now = useQuery({ queryKey: ['stale-check', seen.assessment.id, seen.etag], queryFn: () => readBoth(seen.assessment.id), staleTime: 0 });
  const rows: [string, string, string][] = now.data
    ? [
        ['Status', STAFF_STATUS[seen.assessment.status], STAFF_STATUS[now.data.assessment.status]],
        ['Decision', decisionInWords(seenDecision), decisionInWords(now.data.decision)],
        ['Version', version(seen.etag), version(now.data.etag)],
        ['Last changed', toTheSecond.format(new Date(seen.assessment.updatedAt)), toTheSecond.format(new Date(now.data.assessment.updatedAt))],
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
