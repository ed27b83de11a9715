import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { formatBytes, formatDay } from '../../ui/format';

type Evidence = Schemas['EvidenceResponse'];

const PREVIEWABLE = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const fileUrl = (file: Evidence) => `/api/v1/evidence/${encodeURIComponent(file.id)}/download`;

/** One evidence file: a download link, and for a PDF or an image a preview shown on request. */
export function EvidencePreview({ file }: { file: Evidence }) {
  const [open, setOpen] = useState(false);
  const previewable = PREVIEWABLE.includes(file.mediaType);
  const inline = `${fileUrl(file)}?disposition=inline`;
  return (
    <li className="evidence-item">
      <a className="file-name" href={fileUrl(file)} download={file.name}>
        {file.name}
      </a>
      <span className="hint">
        {formatBytes(file.size)}
        {file.documentDate && ` · dated ${formatDay(file.documentDate)}`}
        {file.expiresAt && ` · valid until ${formatDay(file.expiresAt)}`}
        {file.reviewStatus !== 'pending' && ` · ${file.reviewStatus}`}
        {file.flags?.map((flag) => ` · ${flag.kind.replace(/_/g, ' ')}`)}
      </span>
      {previewable && (
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? `Hide preview of ${file.name}` : `Show preview of ${file.name}`}
        </button>
      )}
      {open && file.mediaType === 'application/pdf' && <iframe className="preview" title={`Preview of ${file.name}`} src={inline} />}
      {open && file.mediaType !== 'application/pdf' && <img className="preview" alt={`Preview of ${file.name}`} src={inline} />}
    </li>
  );
}
