/** What each dependency says: `down` stops serving, `degraded` only delays background work. */
export type CheckState = 'ok' | 'degraded' | 'down';

export interface Readiness {
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, CheckState>;
}

/**
 * Ready means "can serve": only the database is required. A load balancer that drops an API
 * whose queue is away would turn a delay of e-mails and reports into an outage.
 */
export function readinessOf(checks: Record<string, CheckState>): Readiness {
  const states = Object.values(checks);
  const status = checks.database !== 'ok' ? 'unavailable' : states.every((state) => state === 'ok') ? 'ok' : 'degraded';
  return { status, checks };
}
