import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { Link } from '../../app/router';
import { useMe } from '../../app/session';
import { formatDateTime, formatDay, formatFromToday } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ASSESSMENT_WORDS, TIER_WORDS } from '../../ui/words';
import { VendorName } from '../vendors/VendorName';

const STEPS = ['draft', 'sent', 'in_progress', 'submitted', 'in_review'] as const;

/** Where an assessment stands: status, due date, when it was sent and submitted. */
export function AssessmentStatusPage({ id }: { id: string }) {
  const me = useMe();
  const assessment = useQuery({ queryKey: keys.assessment(id), queryFn: () => call(api.GET('/api/v1/assessments/{id}', { params: { path: { id } } })) });
  if (assessment.isPending) return <p role="status">Loading…</p>;
  if (assessment.error) return <ProblemMessage error={assessment.error} />;
  const a = assessment.data;
  const reached = STEPS.indexOf(a.status as (typeof STEPS)[number]);
  return (
    <section>
      <p>
        <Link to={`/vendors/${a.vendorId}`}>
          Back to <VendorName id={a.vendorId} />
        </Link>
      </p>
      <h1>Assessment, cycle {a.cycle}</h1>
      <p className="lede">
        Status: <strong>{ASSESSMENT_WORDS[a.status]}</strong>
      </p>
      <ol className="timeline" aria-label="Progress">
        {STEPS.map((step, index) => (
          <li key={step} className={index < reached || reached === -1 ? 'done' : index === reached ? 'now' : ''} aria-current={index === reached ? 'step' : undefined}>
            {ASSESSMENT_WORDS[step]}
          </li>
        ))}
      </ol>
      <dl className="facts">
        <dt>Due</dt>
        <dd>
          {formatDay(a.dueDate)} ({formatFromToday(a.dueDate)})
        </dd>
        {a.inherentTier && (
          <>
            <dt>Inherent tier</dt>
            <dd>{TIER_WORDS[a.inherentTier]}</dd>
          </>
        )}
        <dt>Sent</dt>
        <dd>{a.sentAt ? formatDateTime(a.sentAt) : 'Not yet'}</dd>
        <dt>Submitted</dt>
        <dd>{a.submittedAt ? formatDateTime(a.submittedAt) : 'Not yet'}</dd>
        <dt>Questionnaires</dt>
        <dd>{a.questionnaires.map((q) => `${q.key} ${q.version}`).join(', ')}</dd>
      </dl>
      {(me.data?.role === 'risk_manager' || me.data?.role === 'auditor') && (
        <p>
          <Link to={`/review/${a.id}`}>Open the review workspace for this assessment</Link>
        </p>
      )}
      <p className="hint">Reminders go to the vendor by e-mail 7 and 2 days before the due date, on the day, and every 3 days while overdue.</p>
    </section>
  );
}
