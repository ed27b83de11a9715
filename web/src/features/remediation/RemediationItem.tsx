import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { keys } from '../../api/keys';
import { EvidenceFiles } from '../evidence/EvidenceFiles';
import { EvidenceUpload } from '../evidence/EvidenceUpload';
import type { StoredEvidence } from '../evidence/upload';
import { formatDateTime, formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';

type Finding = Schemas['FindingResponse'];

const STATUS: Record<Finding['status'], string> = {
  draft: 'Draft',
  open: 'Open: waiting for your plan',
  remediation_planned: 'Plan given: in progress',
  remediated: 'Reported as remediated: waiting for the risk team',
  accepted: 'Risk accepted by the buyer',
  closed: 'Closed',
  dismissed: 'Dismissed',
};

const VENDOR_OPEN: Finding['status'][] = ['open', 'remediation_planned'];

/** One finding: the plan, progress notes and "remediated", as far as the vendor may move it. */
export function RemediationItem({ assessmentId, finding, evidence }: { assessmentId: string; finding: Finding; evidence: StoredEvidence[] }) {
  const id = useId();
  const queries = useQueryClient();
  const [plan, setPlan] = useState(finding.remediationPlan ?? '');
  const [note, setNote] = useState('');
  const refresh = () => queries.invalidateQueries({ queryKey: keys.findings(assessmentId) });
  const attached = evidence.filter((file) => finding.evidenceIds.includes(file.id));
  const update = useMutation({
    mutationFn: (body: Schemas['UpdateFindingRequest']) => call(api.PATCH('/api/v1/findings/{id}', { params: { path: { id: finding.id } }, body })),
    onSuccess: refresh,
  });
  const comment = useMutation({
    mutationFn: () => call(api.POST('/api/v1/findings/{id}/comments', { params: { path: { id: finding.id } }, body: { body: note } })),
    onSuccess: () => (setNote(''), refresh()),
  });
  const open = VENDOR_OPEN.includes(finding.status);
  const savePlan = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ remediationPlan: plan, ...(finding.status === 'open' ? { status: 'remediation_planned' } : {}) });
  };
  return (
    <article className="finding" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{finding.title}</h3>
      <p className="question-meta">
        <span className="badge">{finding.severity}</span>
        <span>{STATUS[finding.status]}</span>
        {finding.dueDate && <span>due {formatDay(finding.dueDate)}</span>}
        {finding.questionIds.length > 0 && <span>questions {finding.questionIds.join(', ')}</span>}
      </p>
      <p>{finding.description}</p>
      {open ? (
        <form onSubmit={savePlan} className="stack">
          <div className="field">
            <label htmlFor={`${id}-plan`}>Your remediation plan</label>
            <textarea id={`${id}-plan`} rows={3} value={plan} onChange={(event) => setPlan(event.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={update.isPending || plan.trim() === ''}>
              Save the plan
            </button>
          </div>
        </form>
      ) : (
        finding.remediationPlan && <p>Plan: {finding.remediationPlan}</p>
      )}
      <EvidenceFiles label={`Evidence for ${finding.title}`} files={attached} />
      {open && (
        <>
          <EvidenceUpload
            assessmentId={assessmentId}
            subject={`evidence for ${finding.title}`}
            target={{ findingId: finding.id }}
            onStored={() => Promise.all([refresh(), queries.invalidateQueries({ queryKey: keys.evidence(assessmentId) })])}
          />
          <div className="actions">
            <button type="button" onClick={() => update.mutate({ status: 'remediated' })} disabled={update.isPending}>
              Report as remediated
            </button>
          </div>
        </>
      )}
      <ProblemMessage error={update.error} title="The item was not updated" />
      <Notes finding={finding} />
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            comment.mutate();
          }}
          className="stack"
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>Progress note</label>
            <textarea id={`${id}-note`} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit" disabled={comment.isPending || note.trim() === ''}>
            Add progress note
          </button>
          <ProblemMessage error={comment.error} title="The note was not added" />
        </form>
      )}
    </article>
  );
}

function Notes({ finding }: { finding: Finding }) {
  if (finding.comments.length === 0) return null;
  return (
    <ul className="notes" aria-label={`Notes on ${finding.title}`}>
      {finding.comments.map((c) => (
        <li key={c.id}>
          <span className="hint">
            {c.authorRole === 'vendor' ? 'You' : 'Risk team'}, {formatDateTime(c.createdAt)}
          </span>
          <p>{c.body}</p>
        </li>
      ))}
    </ul>
  );
}
