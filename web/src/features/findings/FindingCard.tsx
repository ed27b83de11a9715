import { useState } from 'react';
import type { Finding } from '../review/queries';
import { FindingForm, type FindingFields } from './FindingForm';
import { TriageActions } from './TriageActions';
import { useFindingUpdate } from './useFindingUpdate';

const STATUS = {
  draft: 'Draft: to triage',
  open: 'Confirmed',
  remediation_planned: 'Remediation planned',
  remediated: 'Remediated: to retest',
  closed: 'Closed',
  accepted: 'Risk accepted',
  dismissed: 'Dismissed',
} satisfies Record<Finding['status'], string>;

const SOURCE = { manual: 'raised by a reviewer', knockout: 'knockout answer', low_score: 'weak answer', inconsistent_with_intake: 'contradicts the intake', validation: 'independent validation', monitoring: 'monitoring result', incident: 'vendor incident' } satisfies Record<NonNullable<Finding['source']>, string>;

/** One finding: what it is, and what the reviewer can do with it now. */
export function FindingCard({ finding, canEdit }: { finding: Finding; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const update = useFindingUpdate(finding.assessmentId, finding.id);
  const fields: FindingFields = { title: finding.title, description: finding.description, severity: finding.severity, questionIds: finding.questionIds, visibleToVendor: finding.visibleToVendor, reason: '' };
  const save = (changed: FindingFields) => {
    const { reason, ...rest } = changed;
    update.mutate({ ...rest, ...(reason.trim() ? { reason } : {}) }, { onSuccess: () => setEditing(false) });
  };
  const editable = canEdit && finding.status !== 'draft' && finding.status !== 'dismissed' && finding.status !== 'closed';
  return (
    <article className={`finding severity-${finding.severity}`} id={`finding-${finding.id}`} aria-labelledby={`finding-${finding.id}-title`}>
      <h3 id={`finding-${finding.id}-title`}>{finding.title}</h3>
      <p className="question-meta">
        <span className="badge">{finding.severity}</span>
        <span>{STATUS[finding.status]}</span>
        {finding.source && <span>{SOURCE[finding.source]}</span>}
        {finding.questionIds.map((q) => (
          <a key={q} href={`#question-${q}`}>
            {q}
          </a>
        ))}
      </p>
      {finding.description && <p>{finding.description}</p>}
      {finding.dismissalReason && <p className="hint">Dismissed because: {finding.dismissalReason}</p>}
      {canEdit && finding.status === 'draft' && <TriageActions finding={finding} />}
      {editable && (
        <button type="button" className="link-button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? `Stop editing ${finding.title}` : `Edit ${finding.title}`}
        </button>
      )}
      {editing && <FindingForm idPrefix={`edit-${finding.id}`} initial={fields} withReason submitLabel={`Save ${finding.title}`} pending={update.isPending} error={update.error} onSubmit={save} />}
    </article>
  );
}
