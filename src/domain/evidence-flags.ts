/**
 * What a reviewer should look at twice in an evidence list: the same bytes offered for unrelated
 * questions, and a file far smaller than a real document of its type.
 */
import { ALLOWED_MEDIA_TYPES } from './media-type.js';

/** Below these sizes a document of the type is very likely a placeholder. */
export const SUSPICIOUSLY_SMALL_BYTES: Readonly<Record<string, number>> = {
  [ALLOWED_MEDIA_TYPES.pdf]: 2 * 1024,
  [ALLOWED_MEDIA_TYPES.docx]: 5 * 1024,
  [ALLOWED_MEDIA_TYPES.xlsx]: 5 * 1024,
  [ALLOWED_MEDIA_TYPES.pptx]: 5 * 1024,
  [ALLOWED_MEDIA_TYPES.doc]: 5 * 1024,
  [ALLOWED_MEDIA_TYPES.xls]: 5 * 1024,
};

export interface EvidenceFacts {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  questionIds: readonly string[];
}

export type EvidenceFlag =
  | { kind: 'duplicate_of'; evidenceIds: string[]; questionIds: string[]; message: string }
  | { kind: 'suspiciously_small'; minimumBytes: number; message: string };

/**
 * Flags for `file` against `others` (other uploads of the same vendor). `domainOf` names the
 * domain of a question: the same bytes for questions of the same domain are plausible reuse,
 * for another domain they are not.
 */
export function evidenceFlags(file: EvidenceFacts, others: readonly EvidenceFacts[], domainOf: (questionId: string) => string): EvidenceFlag[] {
  const flags: EvidenceFlag[] = [];
  const domains = new Set(file.questionIds.map(domainOf));
  const unrelated = others.filter((o) => o.id !== file.id && o.sha256 === file.sha256 && o.questionIds.some((q) => !file.questionIds.includes(q) && !domains.has(domainOf(q))));
  if (unrelated.length) {
    const questionIds = [...new Set(unrelated.flatMap((o) => o.questionIds.filter((q) => !domains.has(domainOf(q)))))].sort();
    flags.push({ kind: 'duplicate_of', evidenceIds: unrelated.map((o) => o.id), questionIds, message: `The same file (SHA-256) is also offered for ${questionIds.join(', ')}` });
  }
  const minimumBytes = SUSPICIOUSLY_SMALL_BYTES[file.mediaType];
  if (minimumBytes !== undefined && file.size < minimumBytes) {
    flags.push({ kind: 'suspiciously_small', minimumBytes, message: `${file.size} bytes is far smaller than a real document of this type (under ${minimumBytes})` });
  }
  return flags;
}
