import { parseRoleMap, type RoleMap } from '../domain/oidc-roles.js';

/** Staff sign-in through the organisation's OpenID Connect provider; absent when it is not configured. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The ID token (or userinfo) claim that carries the groups, e.g. `groups`. */
  roleClaim: string;
  roleMap: RoleMap;
  scopes: string;
}

/** `all`: everyone may use a password; `vendors-only`: staff use single sign-on, admins keep a password for emergencies. */
export type LocalLogin = 'all' | 'vendors-only';

type Read = (name: string) => string | undefined;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function issuerUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error('OIDC_ISSUER is not a valid URL');
  }
  // Plain HTTP would let anyone on the path forge sign-ins; it is only for a provider on this machine.
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    throw new Error('OIDC_ISSUER must start with https:// (http:// only for localhost)');
  }
  return raw.replace(/\/+$/, '');
}

export function parseOidcConfig(read: Read): OidcConfig | undefined {
  const issuer = read('OIDC_ISSUER');
  const clientId = read('OIDC_CLIENT_ID');
  const dependents = ['OIDC_CLIENT_SECRET', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP', 'OIDC_SCOPES'].filter((name) => read(name) !== undefined);
  if (issuer === undefined && clientId === undefined) {
    if (dependents.length) throw new Error(`${dependents[0]} is set but OIDC_ISSUER and OIDC_CLIENT_ID are not`);
    return undefined;
  }
  if (issuer === undefined) throw new Error('OIDC_CLIENT_ID is set but OIDC_ISSUER is not');
  if (clientId === undefined) throw new Error('OIDC_ISSUER is set but OIDC_CLIENT_ID is not');
  const roleClaim = read('OIDC_ROLE_CLAIM');
  if (roleClaim === undefined) throw new Error('OIDC_ROLE_CLAIM must name the claim that carries the groups (e.g. groups)');
  const roleMap = parseRoleMap(read('OIDC_ROLE_MAP'));
  if (roleMap.size === 0) throw new Error('OIDC_ROLE_MAP must map at least one claim value to a staff role (e.g. assay-risk=risk_manager)');
  const scopes = (read('OIDC_SCOPES') ?? 'openid email profile').split(/\s+/);
  if (!scopes.includes('openid')) throw new Error('OIDC_SCOPES must include openid');
  return { issuer: issuerUrl(issuer), clientId, clientSecret: read('OIDC_CLIENT_SECRET'), roleClaim, roleMap, scopes: scopes.join(' ') };
}

export function parseLocalLogin(read: Read): LocalLogin {
  const raw = read('LOCAL_LOGIN') ?? 'all';
  if (raw !== 'all' && raw !== 'vendors-only') throw new Error(`LOCAL_LOGIN must be all or vendors-only, got "${raw}"`);
  return raw;
}
