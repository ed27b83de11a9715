/**
 * Standard Webhooks signing: the secret is `whsec_` + base64 of random bytes; the signature of a
 * message is `v1,` + base64 HMAC-SHA256, keyed with those bytes, over `id.timestamp.body`.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The key bytes of a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('A webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** `timestamp` is in whole seconds since the epoch, as sent in `webhook-timestamp`. */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface RetryPolicy {
  /** Delay before the first retry; each later one doubles, up to `maxDelaySeconds`. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** No attempt is scheduled later than this after the delivery (or its redelivery) began. */
  windowSeconds: number;
}

/**
 * Seconds until the next attempt after `attemptsMade` failed ones, or null when that attempt
 * would fall outside the retry window (`elapsedSeconds` since the window began).
 */
export function nextRetryDelay(attemptsMade: number, elapsedSeconds: number, policy: RetryPolicy): number | null {
  const delay = Math.min(policy.baseDelaySeconds * 2 ** Math.max(0, attemptsMade - 1), policy.maxDelaySeconds);
  return elapsedSeconds + delay > policy.windowSeconds ? null : delay;
}
