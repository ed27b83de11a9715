import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, call } from '../../api/client';
import { keys } from '../../api/keys';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { gapsByQuestion, questionAnchor, type Gap } from '../questionnaire/model';

const MISSING: Record<Gap['missing'], string> = {
  answer: 'an answer',
  evidence: 'evidence',
  confirmation: 'your confirmation of the carried-forward answer',
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
  const lines = gapsByQuestion(gaps);
  const refusedForGaps = submit.error instanceof ApiProblem && submit.error.code === 'submission_incomplete';
  return (
    <section className="submit-panel" aria-labelledby="submit-heading">
      <h2 id="submit-heading">{resubmit ? 'Resubmit' : 'Submit'}</h2>
      {gaps.length === 0 ? (
        <p>Everything required is answered. You can submit now.</p>
      ) : (
        <>
          <p>
            Still missing for <strong>{lines.length}</strong> questions:
          </p>
          <ul className="gaps">
            {lines.map((line) => (
              <li key={line.question.id}>
                <a href={`#${questionAnchor(line.question.id)}`}>
                  {line.question.id}: {line.question.text}
                </a>{' '}
                — needs {line.missing.map((kind) => MISSING[kind]).join(' and ')}
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
