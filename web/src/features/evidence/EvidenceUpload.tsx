import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FileDrop } from '../../ui/FileDrop';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { uploadEvidence, type UploadTarget } from './upload';

interface Props {
  assessmentId: string;
  /** Names the drop zone and its date fields, e.g. "evidence for SEC-01". */
  subject: string;
  target: Omit<UploadTarget, 'documentDate' | 'expiresAt'>;
  onStored: () => unknown;
}

/** The document's dates, then a picker or drop zone with a progress bar; refusals in words. */
export function EvidenceUpload({ assessmentId, subject, target, onStored }: Props) {
  const id = useId();
  const [documentDate, setDocumentDate] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      setProgress({ name: file.name, fraction: 0 });
      return uploadEvidence(assessmentId, file, { ...target, documentDate, expiresAt }, (fraction) => setProgress({ name: file.name, fraction }));
    },
    onSettled: () => setProgress(null),
    onSuccess: () => (setDocumentDate(''), setExpiresAt(''), onStored()),
  });
  return (
    <div className="evidence-upload">
      <div className="dates">
        <div className="field">
          <label htmlFor={`${id}-date`}>
            Document date<span className="visually-hidden"> of {subject}</span> (optional)
          </label>
          <input id={`${id}-date`} type="date" value={documentDate} onChange={(event) => setDocumentDate(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>
            Valid until<span className="visually-hidden"> of {subject}</span> (optional)
          </label>
          <input id={`${id}-expires`} type="date" value={expiresAt} min={documentDate || undefined} onChange={(event) => setExpiresAt(event.target.value)} />
        </div>
      </div>
      <FileDrop label={`Upload ${subject}`} disabled={upload.isPending} onFile={(file) => upload.mutate(file)} />
      {progress && (
        <div className="progress">
          <label>
            Uploading {progress.name}
            <progress value={progress.fraction} max={1} />
          </label>
        </div>
      )}
      <ProblemMessage error={upload.error} title="The file was not stored" />
    </div>
  );
}
