import type { Assessment } from './queries';

/** Assessment states as the risk team says them. */
export const STAFF_STATUS: Record<Assessment['status'], string> = {
  draft: 'Draft',
  sent: 'Sent to the vendor',
  in_progress: 'Vendor answering',
  submitted: 'Submitted, waiting for a reviewer',
  in_review: 'In review',
  clarification_requested: 'Clarification requested',
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

/** An answer in words, using the option labels where the question has options. */
export function answerInWords(value: unknown, options?: { value: string | boolean; label: string }[]): string {
  if (value === null || value === undefined || value === '') return 'No answer';
  const label = (v: unknown) => options?.find((o) => o.value === v)?.label ?? (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v));
  return Array.isArray(value) ? value.map(label).join('; ') : label(value);
}
