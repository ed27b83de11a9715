/**
 * Who may accept a finding's risk, and for how long, by severity: data, not code. Written as
 * `low=12,medium=12,high=6:2,critical=none` (months, then how many different risk managers).
 */
import { addMonths } from './reassessment-cadence.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export interface AcceptanceRule {
  maxMonths: number;
  /** 1, or 2 when a second, different risk manager must confirm. */
  approvers: 1 | 2;
}

/** null: a finding of that severity cannot be accepted at all. */
export type AcceptancePolicy = Record<Severity, AcceptanceRule | null>;

export const DEFAULT_ACCEPTANCE_POLICY: AcceptancePolicy = {
  low: { maxMonths: 12, approvers: 1 },
  medium: { maxMonths: 12, approvers: 1 },
  high: { maxMonths: 6, approvers: 2 },
  critical: null,
};

/** Missing severities keep their default; throws with the offending part. */
export function parseAcceptancePolicy(text: string | undefined): AcceptancePolicy {
  const policy = { ...DEFAULT_ACCEPTANCE_POLICY };
  if (!text?.trim()) return policy;
  for (const part of text.split(',')) {
    const [severity, rule] = part.split('=').map((s) => s.trim());
    const match = /^(\d{1,3})(?::([12]))?$/.exec(rule ?? '');
    const known = SEVERITIES.includes(severity as Severity);
    if (known && rule === 'none') {
      policy[severity as Severity] = null;
      continue;
    }
    if (!known || !match || Number(match[1]) < 1 || Number(match[1]) > 36) {
      throw new Error(`RISK_ACCEPTANCE_POLICY: "${part.trim()}" is not severity=months[:approvers] (1 to 36 months, 1 or 2 approvers) or severity=none`);
    }
    policy[severity as Severity] = { maxMonths: Number(match[1]), approvers: match[2] === '2' ? 2 : 1 };
  }
  return policy;
}

/**
 * The severity whose rule applies: the highest the finding ever had, so lowering a critical
 * finding to high first does not make it acceptable.
 */
export function acceptanceSeverity(severity: Severity, highestSeverity: Severity | null): Severity {
  return highestSeverity && SEVERITIES.indexOf(highestSeverity) > SEVERITIES.indexOf(severity) ? highestSeverity : severity;
}

export type AcceptanceRefusal = { code: 'acceptance_not_allowed'; message: string } | { code: 'acceptance_too_long'; message: string; latest: string };

/** Why a risk acceptance of this severity until `expiresAt` is refused today, or null when the policy allows it. */
export function acceptanceRefusal(policy: AcceptancePolicy, severity: Severity, expiresAt: string, today: string): AcceptanceRefusal | null {
  const rule = policy[severity];
  if (!rule) return { code: 'acceptance_not_allowed', message: `A ${severity} finding cannot be risk-accepted: remediate it or reject` };
  const latest = addMonths(today, rule.maxMonths);
  if (expiresAt > latest) return { code: 'acceptance_too_long', message: `A ${severity} finding is accepted for at most ${rule.maxMonths} months (until ${latest})`, latest };
  return null;
}
