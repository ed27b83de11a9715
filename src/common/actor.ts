import type { Role } from '../auth/roles.js';

/** Who is acting, for the audit trail: a signed-in user, or the system itself (userId null). */
export interface Actor {
  userId: string | null;
  role: Role | 'system' | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', requestId: null };
