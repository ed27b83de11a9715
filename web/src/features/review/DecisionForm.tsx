import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiProblem, call } from '../../api/client';
import { ConditionFields, type ConditionDraft } from './ConditionFields';
import { OUTCOME_WORDS, type Decision, type Finding, type TaggedAssessment } from './queries';
import { RefusalMessage } from './RefusalMessage';
import { StaleNotice } from './StaleNotice';

const OUTCOMES = Object.keys(OUTCOME_WORDS) as Decision['outcome'][];
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

interface Props {
  tagged: TaggedAssessment;
  /** The decision as the page read it, to say what changed when someone else acted meanwhile. */
  decision: Decision | null;
  findings: Finding[];
  me: { id: string; name: string };
}

/** The decision: outcome, rationale and conditions, sent with the ETag the reviewer saw. */
export function DecisionForm({ tagged, decision, findings, me }: Props) {
  const { assessment, etag } = tagged;
  const [outcome, setOutcome] = useState<Decision['outcome']>('approved');
  const [rationale, setRationale] = useState('');
  const [conditions, setConditions] = useState<ConditionDraft[]>([]);
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ predicate: (query) => query.queryKey[1] === assessment.id });
  const decide = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/assessments/{id}/decision', {
          params: { path: { id: assessment.id }, header: { 'If-Match': etag } },
          body: { outcome, rationale, ...(outcome === 'approved_with_conditions' ? { conditions: conditions.map(({ owner, ...c }) => ({ ...c, owner })) } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  const stale = decide.error instanceof ApiProblem && decide.error.status === 412;
  const owners = [{ id: me.id, label: `${me.name} (you)` }, ...(assessment.requestedBy && assessment.requestedBy !== me.id ? [{ id: assessment.requestedBy, label: 'The requester (procurement)' }] : [])];
  const coverable = findings.filter((f) => !['dismissed', 'closed', 'draft'].includes(f.status));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  return (
    <form className="stack" onSubmit={submit}>
      <fieldset className="options">
        <legend>Outcome</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="option">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {OUTCOME_WORDS[o]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="decision-rationale">Rationale</label>
        <textarea id="decision-rationale" rows={4} required minLength={10} value={rationale} onChange={(event) => setRationale(event.target.value)} />
      </div>
      {outcome === 'approved_with_conditions' && (
        <div className="stack">
          {conditions.map((c, index) => (
            <ConditionFields
              key={index}
              index={index}
              condition={c}
              owners={owners}
              findings={coverable}
              onChange={(changed) => setConditions(conditions.map((old, i) => (i === index ? changed : old)))}
              onRemove={() => setConditions(conditions.filter((_, i) => i !== index))}
            />
          ))}
          <div>
            <button type="button" onClick={() => setConditions([...conditions, { text: '', dueDate: inAMonth(), owner: me.id, findingIds: [] }])}>
              Add a condition
            </button>
          </div>
        </div>
      )}
      {stale ? <StaleNotice seen={tagged} seenDecision={decision} onReload={() => { decide.reset(); void refresh(); }} /> : <RefusalMessage error={decide.error} />}
      <div>
        <button type="submit" className="primary" disabled={decide.isPending}>
          Record the decision
        </button>
      </div>
    </form>
  );
}
