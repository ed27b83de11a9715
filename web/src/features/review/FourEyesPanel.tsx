import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { formatDateTime, formatDay } from '../../ui/format';
import { OUTCOME_WORDS, type Decision, type TaggedAssessment } from './queries';
import { RefusalMessage } from './RefusalMessage';

/** A decision waiting for a second risk manager: who proposed what and why, and the second pair of eyes. */
export function FourEyesPanel({ decision, tagged, meId, acts }: { decision: Decision; tagged: TaggedAssessment; meId: string; acts: boolean }) {
  const [rationale, setRationale] = useState('');
  const queries = useQueryClient();
  const id = decision.assessmentId;
  const header = { 'If-Match': tagged.etag };
  const done = { onSuccess: () => queries.invalidateQueries({ predicate: (query) => query.queryKey[1] === id }) };
  const confirm = useMutation({
    mutationFn: () => {
      const conditions = decision.proposedConditions.map(({ ownerId, ...c }) => ({ ...c, ...(ownerId ? { owner: ownerId } : {}) }));
      const body = { outcome: decision.outcome, rationale, ...(conditions.length ? { conditions } : {}) };
      return call(api.POST('/api/v1/assessments/{id}/decision', { params: { path: { id }, header }, body }));
    },
    ...done,
  });
  const disagree = useMutation({
    mutationFn: () => call(api.POST('/api/v1/assessments/{id}/decision/disagreement', { params: { path: { id }, header }, body: { rationale } })),
    ...done,
  });
  const own = decision.decidedBy === meId;
  return (
    <div className="four-eyes">
      <p>
        <strong>{decision.decidedByName}</strong> proposed to <strong>{OUTCOME_WORDS[decision.outcome].toLowerCase()}</strong> on {formatDateTime(decision.createdAt)}. A second, different
        risk manager must confirm it (residual risk {decision.residualRisk}).
      </p>
      <blockquote>{decision.rationale}</blockquote>
      {decision.proposedConditions.length > 0 && (
        <ul aria-label="Proposed conditions">
          {decision.proposedConditions.map((c) => (
            <li key={c.text}>
              {c.text}, due {formatDay(c.dueDate)}, covering {c.findingIds.length} finding(s)
            </li>
          ))}
        </ul>
      )}
      {!acts ? null : own ? (
        <p className="notice">You proposed this decision, so you cannot confirm it yourself: another risk manager must.</p>
      ) : (
        <div className="stack">
          <div className="field">
            <label htmlFor="second-rationale">Your rationale</label>
            <textarea id="second-rationale" rows={3} required minLength={10} value={rationale} onChange={(event) => setRationale(event.target.value)} />
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={confirm.isPending || rationale.trim().length < 10} onClick={() => confirm.mutate()}>
              Confirm: {OUTCOME_WORDS[decision.outcome].toLowerCase()}
            </button>
            <button type="button" disabled={disagree.isPending || rationale.trim().length < 10} onClick={() => disagree.mutate()}>
              Disagree
            </button>
          </div>
          <RefusalMessage error={confirm.error ?? disagree.error} />
        </div>
      )}
    </div>
  );
}
