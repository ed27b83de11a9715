import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'assay_';

export interface TokenSecret {
  /** Shown once to its owner, never stored. */
  secret: string;
  hash: string;
  hint: string;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newTokenSecret(): TokenSecret {
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: sha256Hex(secret), hint: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]{20,200}$/.test(value);
}
