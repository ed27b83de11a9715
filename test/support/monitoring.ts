import { Role } from '../../src/auth/roles.js';
import { bearer, signIn, type TestApp } from './test-app.js';

/** A metric of a plan request, with its owner and escalation contact. */
export function metric(key: string, thresholds: { green: number; amber: number }, people: { ownerId: string; escalationContactId: string }, extra: Record<string, unknown> = {}) {
  return { key, thresholds, cadence: 'monthly', source: 'vendor', ...people, ...extra };
}

/** Two risk managers: one writes plans, the other approves them. */
export async function riskPair(t: TestApp) {
  const author = await signIn(t, Role.RiskManager);
  const approver = await signIn(t, Role.RiskManager);
  return { author, approver };
}

/** Writes and approves a plan through the API; returns the approved version. */
export async function activePlan(t: TestApp, aiSystemId: string, pair: Awaited<ReturnType<typeof riskPair>>, metrics: object[]) {
  const put = await t.http().put(`/api/v1/ai-systems/${aiSystemId}/monitoring-plan`).set(bearer(pair.author.token)).send({ metrics }).expect(200);
  await t.http().post(`/api/v1/ai-systems/${aiSystemId}/monitoring-plan/approve`).set(bearer(pair.approver.token)).send({ version: put.body.version }).expect(200);
  return put.body.version as number;
}
