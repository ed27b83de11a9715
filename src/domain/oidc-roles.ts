import { Role, STAFF_ROLES } from '../auth/roles.js';

/** Identity-provider group (or other claim value) → the Assay staff role it grants. */
export type RoleMap = ReadonlyMap<string, Role>;

/** Most privileged first: a person in several mapped groups gets the first of these they match. */
export const ROLE_PRECEDENCE: readonly Role[] = [Role.Admin, Role.RiskManager, Role.Procurement, Role.Auditor];

/** `assay-risk=risk_manager,assay-admins=admin`; vendors never sign in through the organisation's provider. */
export function parseRoleMap(text: string | undefined): RoleMap {
  const map = new Map<string, Role>();
  if (text === undefined) return map;
  for (const entry of text.split(',')) {
    const eq = entry.lastIndexOf('=');
    const value = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim() as Role;
    if (eq <= 0 || value === '') throw new Error(`OIDC_ROLE_MAP: "${entry.trim()}" is not claim-value=role`);
    if (!STAFF_ROLES.includes(role)) throw new Error(`OIDC_ROLE_MAP: "${role}" is not a staff role (${STAFF_ROLES.join(', ')})`);
    if (map.has(value)) throw new Error(`OIDC_ROLE_MAP: "${value}" is mapped twice`);
    map.set(value, role);
  }
  return map;
}

/** The claim as a list of values: providers send groups as an array, or one value, or a space-separated string. */
export function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean);
  return [];
}

/** The one role the claim grants, or null when no value of it is mapped. */
export function roleFromClaim(claim: unknown, map: RoleMap): Role | null {
  const granted = new Set(claimValues(claim).flatMap((value) => (map.has(value) ? [map.get(value)!] : [])));
  return ROLE_PRECEDENCE.find((role) => granted.has(role)) ?? null;
}
