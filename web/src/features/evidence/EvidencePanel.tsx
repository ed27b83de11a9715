import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { EvidenceFiles } from './EvidenceFiles';
import { EvidenceUpload } from './EvidenceUpload';
import type { StoredEvidence } from './upload';

interface Props {
  assessmentId: string;
  questionId: string;
  files: StoredEvidence[];
  editable: boolean;
}

/** The documents linked to one question, and the place to add or remove one. */
export function EvidencePanel({ assessmentId, questionId, files, editable }: Props) {
  const queries = useQueryClient();
  const refresh = () =>
    Promise.all([queries.invalidateQueries({ queryKey: keys.evidence(assessmentId) }), queries.invalidateQueries({ queryKey: keys.questions(assessmentId) })]);
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/evidence/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return (
    <div className="evidence">
      <EvidenceFiles label={`Evidence for ${questionId}`} files={files} onRemove={editable ? (file) => remove.mutate(file.id) : undefined} removing={remove.isPending} />
      {editable && <EvidenceUpload assessmentId={assessmentId} subject={`evidence for ${questionId}`} target={{ questionIds: [questionId] }} onStored={refresh} />}
      <ProblemMessage error={remove.error} title="The file was not removed" />
    </div>
  );
}
