/**
 * How a finding moves. The risk team triages drafts (confirm: open, or dismiss with a reason),
 * tracks remediation and closes after a retest; the vendor, on findings addressed to it, may only
 * plan and report remediation. Acceptance has its own route (a risk acceptance with a rationale
 * and an expiry) and never applies to an untriaged draft.
 */
import type { FindingSeverity, FindingStatus } from '../findings/finding.entity.js';

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

const SEVERITY_ORDER: readonly FindingSeverity[] = ['low', 'medium', 'high', 'critical'];

export function findingMoveAllowed(from: FindingStatus, to: FindingStatus, byVendor: boolean): boolean {
  if (from === to) return true;
  return ((byVendor ? VENDOR[from] : RISK_TEAM[from]) ?? []).includes(to);
}

/** Findings that still stand: they block a plain approval when high or critical. */
export const UNRESOLVED: readonly FindingStatus[] = ['draft', 'open', 'remediation_planned', 'remediated'];

/** Raised automatically and not yet confirmed or dismissed by the risk team: no decision over these. */
export function untriaged(status: FindingStatus): boolean {
  return status === 'draft';
}

/** A risk is accepted only on a triaged finding that still stands. */
export function acceptable(status: FindingStatus): boolean {
  return !untriaged(status) && UNRESOLVED.includes(status);
}

/** Where meeting a condition sends the findings it covers: remediated, waiting for the retest that closes them. */
export const AWAITING_RETEST: FindingStatus = 'remediated';
export const RETEST_FROM: readonly FindingStatus[] = ['open', 'remediation_planned'];

export type ReasonNeeded = 'dismissal' | 'severity_lowered';

/** What a change of a finding must be justified by: a dismissal and a lower severity each need a reason. */
export function reasonsNeeded(before: { status: FindingStatus; severity: FindingSeverity }, after: { status: FindingStatus; severity: FindingSeverity }): ReasonNeeded[] {
  const needed: ReasonNeeded[] = [];
  if (after.status === 'dismissed' && before.status !== 'dismissed') needed.push('dismissal');
  if (SEVERITY_ORDER.indexOf(after.severity) < SEVERITY_ORDER.indexOf(before.severity)) needed.push('severity_lowered');
  return needed;
}
