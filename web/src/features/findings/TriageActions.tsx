import { useState, type FormEvent } from 'react';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { Finding } from '../review/queries';
import { SEVERITIES } from '../review/queries';
import { useFindingUpdate } from './useFindingUpdate';

type Mode = 'idle' | 'dismiss' | 'severity';

/** A draft finding's triage: confirm it, dismiss it with a reason, or change its severity with a reason. */
export function TriageActions({ finding }: { finding: Finding }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [reason, setReason] = useState('');
  const [severity, setSeverity] = useState(finding.severity);
  const update = useFindingUpdate(finding.assessmentId, finding.id);
  const closeForm = { onSuccess: () => (setMode('idle'), setReason('')) };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'dismiss') update.mutate({ status: 'dismissed', reason }, closeForm);
    if (mode === 'severity') update.mutate({ severity, reason }, closeForm);
  };
  return (
    <div className="triage">
      <div className="actions">
        <button type="button" className="primary" disabled={update.isPending} onClick={() => update.mutate({ status: 'open' })}>
          Confirm {finding.title}
        </button>
        <button type="button" aria-expanded={mode === 'dismiss'} onClick={() => setMode(mode === 'dismiss' ? 'idle' : 'dismiss')}>
          Dismiss {finding.title}
        </button>
        <button type="button" aria-expanded={mode === 'severity'} onClick={() => setMode(mode === 'severity' ? 'idle' : 'severity')}>
          Change severity of {finding.title}
        </button>
      </div>
      {mode !== 'idle' && (
        <form className="stack" onSubmit={submit}>
          {mode === 'severity' && (
            <div className="field">
              <label htmlFor={`severity-${finding.id}`}>New severity of {finding.title}</label>
              <select id={`severity-${finding.id}`} value={severity} onChange={(event) => setSeverity(event.target.value as Finding['severity'])}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`reason-${finding.id}`}>{mode === 'dismiss' ? `Why dismiss ${finding.title}` : `Why change the severity of ${finding.title}`}</label>
            <textarea id={`reason-${finding.id}`} rows={2} required minLength={3} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <div>
            <button type="submit" disabled={update.isPending}>
              {mode === 'dismiss' ? `Dismiss ${finding.title} with this reason` : `Save the severity of ${finding.title}`}
            </button>
          </div>
        </form>
      )}
      <ProblemMessage error={update.error} />
    </div>
  );
}
