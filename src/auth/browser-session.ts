import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../common/errors.js';

/**
 * Browser sessions: the session token lives in an HttpOnly cookie that scripts cannot read, and
 * every cookie-authenticated write repeats a CSRF token derived from it in a header. A page on
 * another site can make the browser send the cookie, but it can neither read the token nor set
 * the header.
 */
export const SESSION_COOKIE = 'assay_session';
export const CSRF_COOKIE = 'assay_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** A sign-in that sends `X-Session: cookie` gets its session as cookies instead of a token in the body. */
export const SESSION_MODE_HEADER = 'x-session';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Credential = { kind: 'bearer' | 'cookie'; token: string };

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The bearer header wins over the cookie: API clients never depend on what a browser holds. */
export function credentialOf(request: FastifyRequest): Credential | null {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (bearer) return { kind: 'bearer', token: bearer[1] };
  const cookie = readCookie(request, SESSION_COOKIE);
  return cookie ? { kind: 'cookie', token: cookie } : null;
}

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

export const csrfFailed = () =>
  new DomainError(403, 'csrf_failed', `A write signed in by cookie must repeat the ${CSRF_COOKIE} cookie in the X-CSRF-Token header`);

/** Throws unless a cookie-authenticated unsafe request carries the session's CSRF token. */
export function checkCsrf(request: FastifyRequest, credential: Credential): void {
  if (credential.kind !== 'cookie' || !UNSAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(csrfTokenFor(credential.token));
  if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), expected)) throw csrfFailed();
}

export function wantsCookieSession(request: FastifyRequest): boolean {
  return String(request.headers[SESSION_MODE_HEADER] ?? '').toLowerCase() === 'cookie';
}

function cookie(name: string, value: string, options: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Strict'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The cookies live as long as the session they carry (SESSION_TTL_HOURS). */
export function setSessionCookies(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean): void {
  void reply.header('set-cookie', [
    cookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAgeSeconds }),
    cookie(CSRF_COOKIE, csrfTokenFor(token), { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.header('set-cookie', [
    cookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }),
    cookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 }),
  ]);
}

export const isSecureOrigin = (publicUrl: string) => publicUrl.startsWith('https:');
