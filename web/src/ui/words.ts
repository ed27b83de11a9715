/** Enum values of the API in words, for staff pages. */
export const TIER_WORDS = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' } as const;
export const CATEGORY_WORDS = { minimal_risk: 'Minimal risk', limited_risk: 'Limited risk (transparency)', high_risk: 'High-risk', prohibited: 'Prohibited (Article 5)' } as const;
export const RESIDUAL_WORDS = { low: 'Low', moderate: 'Moderate', high: 'High', severe: 'Severe' } as const;
export const HOSTING_WORDS = { vendor_saas: "Vendor's SaaS", vendor_api: "Vendor's API", self_hosted: 'Hosted by us' } as const;
export const MODEL_TYPE_WORDS = { predictive: 'Predictive', generative: 'Generative', computer_vision: 'Computer vision', recommender: 'Recommender', other: 'Other' } as const;
export const ROLE_WORDS = { admin: 'Admin', procurement: 'Procurement', risk_manager: 'Risk manager', auditor: 'Auditor', vendor: 'Vendor' } as const;
export const APPROVAL_WORDS = { not_assessed: 'Not assessed', approved: 'Approved', approved_with_conditions: 'Approved with conditions', rejected: 'Rejected', expired: 'Approval expired' } as const;
export const ASSESSMENT_WORDS = {
  draft: 'Draft, not sent',
  sent: 'Sent, waiting for the vendor',
  in_progress: 'Vendor answering',
  submitted: 'Submitted, waiting for review',
  in_review: 'In review',
  clarification_requested: 'Clarification requested',
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
} as const;

export const pairs = <T extends Record<string, string>>(words: T) => Object.entries(words) as [keyof T & string, string][];

/** A calendar day `days` from today, as the API writes dates. */
export function dayFromToday(days: number, today = new Date()): string {
  const day = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + days));
  return day.toISOString().slice(0, 10);
}
