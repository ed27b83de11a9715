/**
 * How a finding moves. The risk team triages drafts, tracks remediation and closes after a
 * retest; the vendor, on findings addressed to it, may only plan and report remediation.
 * Acceptance has its own route (a risk acceptance with a rationale and an expiry).
 */
import type { FindingStatus } from '../findings/finding.entity.js';

const RISK_TEAM: Record<FindingStatus, FindingStatus[]> = {
  draft: ['open', 'dismissed'],
  open: ['remediation_planned', 'remediated', 'closed', 'dismissed'],
  remediation_planned: ['open', 'remediated', 'closed'],
  remediated: ['open', 'closed'],
  accepted: ['open', 'closed'],
  closed: [],
  dismissed: [],
};

const VENDOR: Partial<Record<FindingStatus, FindingStatus[]>> = {
  open: ['remediation_planned', 'remediated'],
  remediation_planned: ['remediated'],
};

export function findingMoveAllowed(from: FindingStatus, to: FindingStatus, byVendor: boolean): boolean {
  if (from === to) return true;
  return ((byVendor ? VENDOR[from] : RISK_TEAM[from]) ?? []).includes(to);
}

/** Findings that still stand: they block a plain approval when high or critical. */
export const UNRESOLVED: readonly FindingStatus[] = ['draft', 'open', 'remediation_planned', 'remediated'];

export function acceptable(status: FindingStatus): boolean {
  return UNRESOLVED.includes(status);
}
