import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { FileDrop } from '../../ui/FileDrop';
import { formatBytes, formatDateTime, formatDay } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { uploadEvidence, type StoredEvidence } from './upload';

interface Props {
  assessmentId: string;
  questionId: string;
  files: StoredEvidence[];
  editable: boolean;
}

/** The documents linked to one question, and the place to add or remove one. */
export function EvidencePanel({ assessmentId, questionId, files, editable }: Props) {
  const queries = useQueryClient();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const refresh = () =>
    Promise.all([queries.invalidateQueries({ queryKey: keys.evidence(assessmentId) }), queries.invalidateQueries({ queryKey: keys.questions(assessmentId) })]);
  const upload = useMutation({
    mutationFn: (file: File) => {
      setProgress({ name: file.name, fraction: 0 });
      return uploadEvidence(assessmentId, file, [questionId], (fraction) => setProgress({ name: file.name, fraction }));
    },
    onSettled: () => setProgress(null),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/evidence/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return (
    <div className="evidence">
      {files.length > 0 && (
        <ul className="evidence-list" aria-label={`Evidence for ${questionId}`}>
          {files.map((file) => (
            <li key={file.id}>
              <strong>{file.name}</strong>
              <span>
                {formatBytes(file.size)} · uploaded {formatDateTime(file.createdAt)}
                {file.documentDate && ` · dated ${formatDay(file.documentDate)}`}
              </span>
              <span className="sha">
                SHA-256 <code>{file.sha256}</code>
              </span>
              {editable && (
                <button type="button" className="link-button" onClick={() => remove.mutate(file.id)} disabled={remove.isPending}>
                  Remove {file.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <FileDrop label={`Upload evidence for ${questionId}`} disabled={upload.isPending} onFile={(file) => upload.mutate(file)} />}
      {progress && (
        <div className="progress">
          <label>
            Uploading {progress.name}
            <progress value={progress.fraction} max={1} />
          </label>
        </div>
      )}
      <ProblemMessage error={upload.error} title="The file was not stored" />
      <ProblemMessage error={remove.error} title="The file was not removed" />
    </div>
  );
}
