import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, call } from '../../api/client';
import { keys } from '../../api/keys';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { questionAnchor, type Gap } from '../questionnaire/model';

const MISSING: Record<Gap['missing'], string> = {
  answer: 'needs an answer',
  evidence: 'needs evidence',
  confirmation: 'carried-forward answer to confirm',
};

interface Props {
  assessmentId: string;
  gaps: Gap[];
  resubmit: boolean;
  beforeSubmit: () => Promise<void>;
}

/** What is still missing, each a link to its question, and the submit button. */
export function SubmitPanel({ assessmentId, gaps, resubmit, beforeSubmit }: Props) {
  const queries = useQueryClient();
  const submit = useMutation({
    mutationFn: async () => {
      await beforeSubmit();
      return call(api.POST('/api/v1/assessments/{id}/submit', { params: { path: { id: assessmentId } } }));
    },
    onSuccess: (assessment) => {
      queries.setQueryData(keys.assessment(assessmentId), assessment);
      void queries.invalidateQueries({ queryKey: keys.questions(assessmentId) });
      void queries.invalidateQueries({ queryKey: keys.clarifications(assessmentId) });
      window.scrollTo(0, 0);
    },
  });
  const refusedForGaps = submit.error instanceof ApiProblem && submit.error.code === 'submission_incomplete';
  return (
    <section className="submit-panel" aria-labelledby="submit-heading">
      <h2 id="submit-heading">{resubmit ? 'Resubmit' : 'Submit'}</h2>
      {gaps.length === 0 ? (
        <p>Everything required is answered. You can submit now.</p>
      ) : (
        <>
          <p>
            Still missing: <strong>{gaps.length}</strong>
          </p>
          <ul className="gaps">
            {gaps.map((gap) => (
              <li key={`${gap.question.id}:${gap.missing}`}>
                <a href={`#${questionAnchor(gap.question.id)}`}>
                  {gap.question.id}: {gap.question.text}
                </a>{' '}
                — {MISSING[gap.missing]}
              </li>
            ))}
          </ul>
        </>
      )}
      {submit.error && !refusedForGaps && <ProblemMessage error={submit.error} title="The assessment was not submitted" />}
      {refusedForGaps && <ProblemMessage error={submit.error} title="The assessment was not submitted: items are missing" />}
      <button type="button" className="primary" onClick={() => submit.mutate()} disabled={submit.isPending}>
        {submit.isPending ? 'Submitting…' : resubmit ? 'Resubmit assessment' : 'Submit assessment'}
      </button>
    </section>
  );
}
