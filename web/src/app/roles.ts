import type { Schemas } from '../api/client';

export type Role = Schemas['Role'];

export const STAFF: readonly Role[] = ['procurement', 'risk_manager', 'auditor', 'admin'];
/** Those who register vendors and send questionnaires (the API lets risk managers do it too). */
export const BUYERS: readonly Role[] = ['procurement', 'risk_manager'];
/** Those who read the portfolio: buyers, the second line and audit. */
export const READERS: readonly Role[] = ['procurement', 'risk_manager', 'auditor'];

export const mayDo = (role: Role | undefined, roles: readonly Role[]) => role !== undefined && roles.includes(role);
