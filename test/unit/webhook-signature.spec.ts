import { newWebhookSecret, nextRetryDelay, secretKey, webhookSignature } from '../../src/domain/webhook-signature.js';

// Worked out with openssl: the key is the base64-decoded part after whsec_, the message `id.timestamp.body`.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Standard Webhooks signatures', () => {
  it('signs the example message of the Standard Webhooks specification', () => {
    expect(webhookSignature(SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs an Assay delivery id, timestamp and body', () => {
    expect(webhookSignature(SECRET, 'b6f1f0a4-0000-4000-8000-000000000001', 1797300000, '{"type":"assessment.submitted"}')).toBe('v1,/KJhKiDsyhvzcJ7bt9afmnViDvT4Sb8kB3VfJmjREf8=');
  });

  it('gives another signature when any of the three parts changes', () => {
    const base = webhookSignature(SECRET, 'id', 1, '{}');
    expect([webhookSignature(SECRET, 'id2', 1, '{}'), webhookSignature(SECRET, 'id', 2, '{}'), webhookSignature(SECRET, 'id', 1, '{ }')]).not.toContain(base);
  });

  it('makes secrets of 32 random bytes in the whsec_ form', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('refuses a secret without the whsec_ prefix', () => {
    expect(() => secretKey('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow(/whsec_/);
  });
});

describe('when a failed delivery is tried again', () => {
  const policy = { baseDelaySeconds: 30, maxDelaySeconds: 6 * 3600, windowSeconds: 24 * 3600 };

  it.each([
    [1, 0, 30],
    [2, 30, 60],
    [3, 90, 120],
    [8, 3810, 3840],
    [11, 30690, 21600], // 30 * 2^10 = 30720 s, capped at six hours
    [12, 52290, 21600],
    [13, 73890, null], // 73890 + 21600 = 95490 s, past 86400 s: given up
  ])('after %i failed attempts, %i s in, waits %p s', (attempts, elapsed, expected) => {
    expect(nextRetryDelay(attempts, elapsed, policy)).toBe(expected);
  });
});
