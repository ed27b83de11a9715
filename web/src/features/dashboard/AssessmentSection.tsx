import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { formatDay, formatFromToday } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ASSESSMENT_WORDS } from '../../ui/words';
import { VendorName } from '../vendors/VendorName';

export type AssessmentQuery = NonNullable<paths['/api/v1/assessments']['get']['parameters']['query']>;
type Assessment = Schemas['AssessmentResponse'];

const OPEN: Assessment['status'][] = ['draft', 'sent', 'in_progress', 'submitted', 'in_review', 'clarification_requested'];

/** A titled list of assessments from one query of `GET /assessments`, open ones only. */
export function AssessmentSection({ title, query, empty, keep }: { title: string; query: AssessmentQuery; empty: string; keep?: (a: Assessment) => boolean }) {
  const list = useQuery({ queryKey: keys.assessmentList(query), queryFn: () => call(api.GET('/api/v1/assessments', { params: { query: { limit: 50, ...query } } })) });
  const items = list.data?.items.filter((a) => OPEN.includes(a.status) && (keep ? keep(a) : true)) ?? [];
  return (
    <section className="panel" aria-labelledby={`${title}-heading`.replace(/\W+/g, '-')}>
      <h2 id={`${title}-heading`.replace(/\W+/g, '-')}>
        {title} {list.data && <span className="count">({items.length})</span>}
      </h2>
      {list.isPending && <p role="status">Loading…</p>}
      <ProblemMessage error={list.error} />
      {list.data && items.length === 0 && <p className="hint">{empty}</p>}
      <ul className="cards">
        {items.map((assessment) => (
          <li key={assessment.id}>
            <Link to={`/assessments/${assessment.id}/status`}>
              <VendorName id={assessment.vendorId} />, cycle {assessment.cycle}
            </Link>
            <span>{ASSESSMENT_WORDS[assessment.status]}</span>
            <span>
              Due {formatDay(assessment.dueDate)} ({formatFromToday(assessment.dueDate)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
