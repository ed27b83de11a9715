import type { Schemas } from '../../api/client';
import { formatDay, formatFromToday } from '../../ui/format';
import { NEXT_STEPS, STATUS_WORDS } from '../questionnaire/status';

type Status = Schemas['AssessmentResponse']['status'];

const STAGES = ['Answers submitted', 'Review by the risk team', 'Decision'] as const;

/** Which stage is under way: past the last one, every stage is done. */
const CURRENT: Partial<Record<Status, number>> = { submitted: 1, in_review: 1, approved: 3, approved_with_conditions: 3, rejected: 3 };

const WORDS = { done: 'done', now: 'now', next: 'still to come' } as const;

/** After submission: where the assessment stands and what comes after it, in words. */
export function NextSteps({ status, dueDate }: { status: Status; dueDate: string }) {
  const next = NEXT_STEPS[status];
  if (!next) return null;
  const current = CURRENT[status];
  return (
    <section className="next-steps" aria-labelledby="next-heading">
      <h2 id="next-heading">What happens next</h2>
      <p>
        Status: <strong>{STATUS_WORDS[status]}</strong>. Due date: {formatDay(dueDate)} ({formatFromToday(dueDate)}).
      </p>
      {current !== undefined && (
        <ol className="timeline" aria-label="Progress of the assessment">
          {STAGES.map((stage, index) => {
            const state = index < current ? 'done' : index === current ? 'now' : 'next';
            return (
              <li key={stage} className={state} aria-current={state === 'now' ? 'step' : undefined}>
                {stage}: {WORDS[state]}
              </li>
            );
          })}
        </ol>
      )}
      <p>{next}</p>
    </section>
  );
}
