import { ApiProblem, csrfToken, type Problem, type Schemas } from '../../api/client';

export type StoredEvidence = Schemas['EvidenceResponse'];

/** What the document is for and when it is valid; empty dates are left out. */
export interface UploadTarget {
  questionIds?: string[];
  findingId?: string;
  documentDate?: string;
  expiresAt?: string;
}

/**
 * Multipart upload through XMLHttpRequest, the one browser API that reports upload progress.
 * The path and the answer type come from the contract; the file name and type checks are the server's.
 */
export function uploadEvidence(assessmentId: string, file: File, target: UploadTarget, onProgress: (fraction: number) => void): Promise<StoredEvidence> {
  const form = new FormData();
  for (const id of target.questionIds ?? []) form.append('questionIds', id);
  if (target.findingId) form.append('findingId', target.findingId);
  if (target.documentDate) form.append('documentDate', target.documentDate);
  if (target.expiresAt) form.append('expiresAt', target.expiresAt);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/assessments/${encodeURIComponent(assessmentId)}/evidence`);
    request.withCredentials = true;
    const csrf = csrfToken();
    if (csrf) request.setRequestHeader('X-CSRF-Token', csrf);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = parse(request.responseText);
      if (request.status === 201) resolve(body as StoredEvidence);
      else reject(new ApiProblem(problemOf(body, request.status)));
    };
    request.onerror = () => reject(new ApiProblem(problemOf(undefined, 0)));
    request.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const MESSAGES: Record<number, string> = {
  0: 'The upload did not reach the server. Check your connection and try again.',
  413: 'The file is larger than the server accepts.',
  415: 'This type of file is not accepted. Upload a PDF, an Office document, an image, text, CSV, JSON or ZIP.',
};

function problemOf(body: unknown, status: number): Problem {
  if (body && typeof body === 'object' && 'code' in body && 'detail' in body) return body as Problem;
  return { type: 'about:blank', title: 'Upload failed', status, code: 'upload_failed', detail: MESSAGES[status] ?? `The server answered ${status}.` };
}
