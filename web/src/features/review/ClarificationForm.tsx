import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Sends the ticked questions back to the vendor with a message; the vendor gets an e-mail. */
export function ClarificationForm({ assessmentId, ticked, onSent }: { assessmentId: string; ticked: string[]; onSent: () => void }) {
  const [message, setMessage] = useState('');
  const queries = useQueryClient();
  const ask = useMutation({
    mutationFn: () => call(api.POST('/api/v1/assessments/{id}/clarifications', { params: { path: { id: assessmentId } }, body: { questionIds: ticked, message } })),
    onSuccess: () => {
      setMessage('');
      onSent();
      return queries.invalidateQueries({ predicate: (query) => query.queryKey[1] === assessmentId });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  return (
    <section aria-labelledby="clarify-heading" className="panel">
      <h2 id="clarify-heading">Ask the vendor</h2>
      <form className="stack" onSubmit={submit}>
        <p>{ticked.length === 0 ? 'Tick the questions to ask about in the answers above.' : `Questions ticked: ${ticked.join(', ')}`}</p>
        <div className="field">
          <label htmlFor="clarify-message">Message to the vendor</label>
          <textarea id="clarify-message" rows={3} required value={message} onChange={(event) => setMessage(event.target.value)} />
        </div>
        <ProblemMessage error={ask.error} />
        <div>
          <button type="submit" disabled={ticked.length === 0 || ask.isPending}>
            Request clarification on {ticked.length} question(s)
          </button>
        </div>
      </form>
    </section>
  );
}
