import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ASSESSMENT_WORDS, TIER_WORDS } from '../../ui/words';

export function VendorAssessments({ vendorId }: { vendorId: string }) {
  const query = { vendorId, limit: 100 };
  const list = useQuery({ queryKey: keys.assessmentList(query), queryFn: () => call(api.GET('/api/v1/assessments', { params: { query } })) });
  return (
    <section className="panel" aria-labelledby="assessments-heading">
      <h2 id="assessments-heading">Assessments</h2>
      <ProblemMessage error={list.error} />
      {list.data?.items.length === 0 && <p className="hint">No assessment yet: fill an AI system&apos;s intake to start one.</p>}
      <ul className="cards">
        {list.data?.items.map((a) => (
          <li key={a.id}>
            <Link to={`/assessments/${a.id}/status`}>
              Cycle {a.cycle}, due {formatDay(a.dueDate)}
            </Link>
            <span>{ASSESSMENT_WORDS[a.status]}</span>
            {a.inherentTier && <span>Tier {TIER_WORDS[a.inherentTier]}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
