import { Role } from '../../src/auth/roles.js';
import { ApiTokenEntity } from '../../src/auth/api-token.entity.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';

describe('sign-in and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('signs in the first admin created at boot and returns an opaque assay_ token', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD }).expect(200);
    expect(res.body.token).toMatch(/^assay_[A-Za-z0-9_-]{43}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.http().get('/api/v1/me').set(bearer(res.body.token)).expect(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
  });

  it('stores only the SHA-256 of a token', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    const rows = await t.db.getRepository(ApiTokenEntity).find();
    expect(rows.some((row) => JSON.stringify(row).includes(res.body.token))).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@bank.example', password: 'whatever-it-is' }).expect(401);
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: 'not-the-password' }).expect(401);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('accepts a sign-in name without a domain suffix, such as the default admin@localhost', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: 'admin@localhost', password: 'whatever-it-is' }).expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('slows repeated failures for one e-mail at one address with 429 and Retry-After', async () => {
    const { email } = await signIn(t, Role.Auditor);
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-x' }).expect(401);
    }
    const limited = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a token after logout', async () => {
    const { token } = await signIn(t, Role.Procurement);
    await t.http().get('/api/v1/me').set(bearer(token)).expect(200);
    await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    const res = await t.http().get('/api/v1/me').set(bearer(token)).expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses an expired token', async () => {
    const { token } = await signIn(t, Role.Procurement);
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
    await t.http().get('/api/v1/me').set(bearer(token)).expect(401);
  });

  it('refuses every token of a disabled user, and its sign-in', async () => {
    const user = await signIn(t, Role.RiskManager);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ disabled: true }).expect(200);
    await t.http().get('/api/v1/me').set(bearer(user.token)).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(401);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ disabled: false }).expect(200);
    await t.http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
  });

  it('refuses malformed and unknown bearer tokens alike', async () => {
    for (const header of ['Bearer nonsense', 'Bearer assay_' + 'x'.repeat(43), 'Basic abc', '']) {
      const res = await t.http().get('/api/v1/me').set('authorization', header).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    }
  });
});

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('shows the secret once, lists keys without it, and stops a revoked key', async () => {
    const auditor = await signIn(t, Role.Auditor);
    const created = await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'audit export', userId: auditor.id, expiresInDays: 30 }).expect(201);
    const key = created.body.token as string;
    expect(key).toMatch(/^assay_/);
    expect(created.body.tokenHint).toBe(key.slice(0, 12));

    const list = await t.http().get('/api/v1/api-keys').set(bearer(t.adminToken)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);

    const me = await t.http().get('/api/v1/me').set(bearer(key)).expect(200);
    expect(me.body.role).toBe('auditor');
    await t.http().get('/api/v1/audit-events').set(bearer(key)).expect(200);

    await t.http().delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(t.adminToken)).expect(204);
    await t.http().get('/api/v1/me').set(bearer(key)).expect(401);
    const after = await t.http().get('/api/v1/api-keys').set(bearer(t.adminToken)).expect(200);
    expect(after.body.items.find((k: { id: string }) => k.id === created.body.id).revokedAt).not.toBeNull();
  });

  it('refuses a key for a user that does not exist, and an unknown key id', async () => {
    await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'x', userId: crypto.randomUUID() }).expect(404);
    await t.http().delete(`/api/v1/api-keys/${crypto.randomUUID()}`).set(bearer(t.adminToken)).expect(404);
    const bad = await t.http().delete('/api/v1/api-keys/12').set(bearer(t.adminToken)).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });
});
