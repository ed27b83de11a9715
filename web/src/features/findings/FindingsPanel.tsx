import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import type { Finding } from '../review/queries';
import { FindingCard } from './FindingCard';
import { FindingForm, type FindingFields } from './FindingForm';

const BLANK: FindingFields = { title: '', description: '', severity: 'medium', questionIds: [], visibleToVendor: false, reason: '' };

/** Drafts to triage first, then the findings that stand, and a form to raise one. */
export function FindingsPanel({ assessmentId, findings, canEdit }: { assessmentId: string; findings: Finding[]; canEdit: boolean }) {
  const drafts = findings.filter((f) => f.status === 'draft');
  const others = findings.filter((f) => f.status !== 'draft');
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      <h3>To triage ({drafts.length})</h3>
      {drafts.length === 0 ? <p>Every draft finding is triaged.</p> : drafts.map((f) => <FindingCard key={f.id} finding={f} canEdit={canEdit} />)}
      <h3>Triaged and raised ({others.length})</h3>
      {others.length === 0 ? <p>No finding yet.</p> : others.map((f) => <FindingCard key={f.id} finding={f} canEdit={canEdit} />)}
      {canEdit && <RaiseFinding assessmentId={assessmentId} />}
    </section>
  );
}

function RaiseFinding({ assessmentId }: { assessmentId: string }) {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const queries = useQueryClient();
  const raise = useMutation({
    mutationFn: ({ reason: _reason, ...body }: FindingFields) => call(api.POST('/api/v1/assessments/{id}/findings', { params: { path: { id: assessmentId } }, body })),
    onSuccess: () => {
      setRound(round + 1);
      setOpen(false);
      return queries.invalidateQueries({ queryKey: keys.findings(assessmentId) });
    },
  });
  return (
    <div className="raise-finding">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Raise a finding
      </button>
      {open && <FindingForm key={round} idPrefix="new-finding" initial={BLANK} submitLabel="Raise this finding" pending={raise.isPending} error={raise.error} onSubmit={(fields) => raise.mutate(fields)} />}
    </div>
  );
}
