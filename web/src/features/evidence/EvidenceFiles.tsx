import { formatBytes, formatDateTime, formatDay } from '../../ui/format';
import type { StoredEvidence } from './upload';

interface Props {
  label: string;
  files: StoredEvidence[];
  onRemove?: (file: StoredEvidence) => void;
  removing?: boolean;
}

/** Stored documents with what identifies each one: a download link, size, dates and SHA-256. */
export function EvidenceFiles({ label, files, onRemove, removing }: Props) {
  if (files.length === 0) return null;
  return (
    <ul className="evidence-list" aria-label={label}>
      {files.map((file) => (
        <li key={file.id}>
          <a className="file-name" href={`/api/v1/evidence/${encodeURIComponent(file.id)}/download`} download={file.name}>
            {file.name}
          </a>
          <span>
            {formatBytes(file.size)} · uploaded {formatDateTime(file.createdAt)}
            {file.documentDate && ` · dated ${formatDay(file.documentDate)}`}
            {file.expiresAt && ` · valid until ${formatDay(file.expiresAt)}`}
          </span>
          <span className="sha">
            SHA-256 <code>{file.sha256}</code>
          </span>
          {onRemove && (
            <button type="button" className="link-button" onClick={() => onRemove(file)} disabled={removing}>
              Remove {file.name}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
