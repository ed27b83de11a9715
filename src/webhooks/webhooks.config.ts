import { ConfigError, integer, type Env } from '../config/config.js';
import type { RetryPolicy } from '../domain/webhook-signature.js';

/** How webhooks are delivered; read once at boot. */
export interface WebhooksConfig {
  /** Lets a webhook reach loopback, private and link-local addresses, and plain http (tests, labs). */
  allowPrivate: boolean;
  /** The longest one attempt may take, from connecting to the end of the response. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** 32 bytes that seal the signing secrets at rest; unset, they are stored as they are. */
  secretKey: Buffer | null;
}

export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function sealingKey(env: Env): Buffer | null {
  const raw = env.WEBHOOK_SECRET_KEY?.trim();
  if (!raw) return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('WEBHOOK_SECRET_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  return key;
}

export function loadWebhooksConfig(env: Env = process.env): WebhooksConfig {
  return {
    allowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE'),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    retry: {
      baseDelaySeconds: integer(env, 'WEBHOOK_RETRY_BASE_SECONDS', 30, 1, 3600),
      maxDelaySeconds: 6 * 3600,
      windowSeconds: integer(env, 'WEBHOOK_RETRY_HOURS', 24, 1, 168) * 3600,
    },
    secretKey: sealingKey(env),
  };
}
