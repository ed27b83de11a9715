import { randomBytes } from 'node:crypto';
import { ConfigError } from '../../src/config/config.js';
import { openSecret, sealSecret } from '../../src/webhooks/secret-box.js';
import { loadWebhooksConfig } from '../../src/webhooks/webhooks.config.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('storing webhook signing secrets', () => {
  it('seals with AES-256-GCM when a key is set: the stored text does not hold the secret, and opens back to it', () => {
    const key = randomBytes(32);
    const sealed = sealSecret(SECRET, key);
    expect(sealed).toMatch(/^gcm:[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('MfKQ9r8');
    expect(sealSecret(SECRET, key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe(SECRET);
  });

  it('refuses to open a sealed secret with another key, or with none', () => {
    const sealed = sealSecret(SECRET, randomBytes(32));
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    expect(() => openSecret(sealed, null)).toThrow(/WEBHOOK_SECRET_KEY is not set/);
  });

  it('keeps the secret as it is without a key, and still opens it once a key is set', () => {
    expect(sealSecret(SECRET, null)).toBe(`plain:${SECRET}`);
    expect(openSecret(`plain:${SECRET}`, randomBytes(32))).toBe(SECRET);
  });
});

describe('webhook settings', () => {
  it('has defaults: no private targets, 10 s per attempt, retries from 30 s over 24 h, secrets unsealed', () => {
    expect(loadWebhooksConfig({})).toEqual({ allowPrivate: false, timeoutMs: 10_000, retry: { baseDelaySeconds: 30, maxDelaySeconds: 21_600, windowSeconds: 86_400 }, secretKey: null });
  });

  it.each([
    [{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, /WEBHOOK_ALLOW_PRIVATE must be true or false/],
    [{ WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString('base64') }, /WEBHOOK_SECRET_KEY must be 32 random bytes/],
    [{ WEBHOOK_RETRY_HOURS: '0' }, /WEBHOOK_RETRY_HOURS must be between 1 and 168/],
  ])('refuses %j', (env, message) => {
    expect(() => loadWebhooksConfig(env)).toThrow(ConfigError);
    expect(() => loadWebhooksConfig(env)).toThrow(message);
  });
});
