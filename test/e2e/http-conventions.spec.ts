import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { Role } from '../../src/auth/roles.js';
import { bearer, makeVendor, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LEAKS = [/\bat \S+ \(/, /\.[jt]s:\d+/, /node_modules/, /QueryFailedError/, /\b(SELECT|INSERT|UPDATE|DELETE FROM|WHERE)\b/, /syntax/i, /relation "/, /column "/, /duplicate key/];

const email = () => `user.${randomBytes(5).toString('hex')}@bank.example`;
const newUser = (overrides: Record<string, unknown> = {}) => ({ email: email(), name: 'Rita Risk', role: Role.RiskManager, ...overrides });

describe('HTTP conventions', () => {
  let t: TestApp;
  const admin = () => bearer(t.adminToken);
  const countUsers = async (address: string) => Number((await t.db.query('SELECT count(*) AS n FROM users WHERE email = $1', [address]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  describe('bad input', () => {
    it('rejects an unknown field with 400 naming the field, and creates nothing', async () => {
      const body = newUser({ isSuperuser: true });
      const res = await t.http().post('/api/v1/users').set(admin()).send(body);
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'isSuperuser' })]);
      expect(await countUsers(body.email)).toBe(0);
    });

    it('rejects a value outside an enum with 400 naming the field', async () => {
      const res = await t.http().post('/api/v1/users').set(admin()).send(newUser({ role: 'superuser' }));
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(problem)).toEqual(['role']);
    });

    it('lists every invalid field at once', async () => {
      const res = await t.http().post('/api/v1/users').set(admin()).send({ email: 'not-an-email', name: '', role: Role.Auditor, password: 'short' });
      const fields = new Set(fieldsOf(expectProblem(res, 400, 'validation_failed')));
      expect([...fields].sort()).toEqual(['email', 'name', 'password']);
    });

    it('rejects a malformed UUID in the path before looking anything up', async () => {
      const res = await t.http().get('/api/v1/users/42').set(admin());
      expect(expectProblem(res, 400, 'validation_failed').errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('answers 404 for a well-formed id that does not exist', async () => {
      expectProblem(await t.http().get(`/api/v1/users/${randomUUID()}`).set(admin()), 404, 'not_found');
    });

    it('rejects a malformed JSON body with 400 malformed_json', async () => {
      const res = await t.http().post('/api/v1/users').set(admin()).set('content-type', 'application/json').send('{"email": "a@b.example",');
      expectProblem(res, 400, 'malformed_json');
    });

    const postAs = async (type: string) => {
      const body = newUser();
      const payload = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(body).toString() : JSON.stringify(body);
      const res = await t.http().post('/api/v1/users').set(admin()).set('content-type', type).send(payload);
      expectProblem(res, 415, 'unsupported_media_type');
      expect(await countUsers(body.email)).toBe(0);
    };

    it('rejects a body that is not JSON with 415', () => postAs('application/xml'));

    // Known gap: the Fastify adapter also parses forms and plain text; the API should take JSON only.
    it.each(['application/x-www-form-urlencoded', 'text/plain'])('rejects a %s body with 415', (type) => postAs(type));

    it('rejects an oversized body with 413', async () => {
      const res = await t.http().post('/api/v1/users').set(admin()).send(newUser({ name: 'x'.repeat(3 * 1024 * 1024) }));
      expectProblem(res, 413, 'payload_too_large');
    });

    it('answers an unknown route with 404 problem+json', async () => {
      expectProblem(await t.http().get('/api/v1/no-such-thing').set(admin()), 404, 'not_found');
      expectProblem(await t.http().get('/no-such-thing'), 404, 'not_found');
    });

    it('never shows a stack trace or SQL in an error body', async () => {
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const probes = [
        t.http().get(`/api/v1/users?cursor=${forged(['not-a-time', 'x'])}`).set(admin()),
        t.http().get(`/api/v1/users?cursor=${forged([new Date().toISOString(), 'not-a-uuid'])}`).set(admin()),
        t.http().get(`/api/v1/audit-events?cursor=${forged(['abc', 'abc'])}`).set(admin()),
        t.http().get('/api/v1/audit-events?from=not-a-date&actor=nobody').set(admin()),
        t.http().get('/api/v1/users?limit=100000').set(admin()),
        t.http().get(`/api/v1/users/${'f'.repeat(5000)}`).set(admin()),
        t.http().patch(`/api/v1/users/${randomUUID()}`).set(admin()).send({ vendorId: "'; DROP TABLE users; --" }),
        t.http().post('/api/v1/users').set(admin()).set('content-type', 'application/json').send('{"a":'),
        t.http().post('/api/v1/users').set(admin()).send({ email: { $gt: '' }, name: ['x'], role: null }),
        t.http().post('/api/v1/auth/login').send({ email: 'x@bank.example', password: 'p'.repeat(5000) }),
      ];
      for (const res of await Promise.all(probes)) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const text = JSON.stringify(res.body);
        for (const leak of LEAKS) expect({ status: res.status, text, leak: leak.test(text) }).toEqual({ status: res.status, text, leak: false });
      }
    });
  });

  describe('request ids', () => {
    it('echoes a given x-request-id on success and in a problem body', async () => {
      const ok = await t.http().get('/api/v1/me').set(admin()).set('x-request-id', 'trace-ok.1_A').expect(200);
      expect(ok.headers['x-request-id']).toBe('trace-ok.1_A');
      const failed = await t.http().get('/api/v1/users/42').set(admin()).set('x-request-id', 'trace-bad.2_B').expect(400);
      expect(failed.headers['x-request-id']).toBe('trace-bad.2_B');
      expect(failed.body.requestId).toBe('trace-bad.2_B');
    });

    it('generates a fresh id per request when none is given', async () => {
      const [one, two] = await Promise.all([t.http().get('/api/v1/me').set(admin()), t.http().get('/health/live')]);
      expect(one.headers['x-request-id']).toMatch(UUID);
      expect(two.headers['x-request-id']).toMatch(UUID);
      expect(one.headers['x-request-id']).not.toBe(two.headers['x-request-id']);
    });

    it.each([['with spaces', 'has spaces in it'], ['too long', 'x'.repeat(129)], ['with a newline escape', 'a%0d%0ab']])(
      'replaces a given id %s with a generated one',
      async (_, given) => {
        const res = await t.http().get('/api/v1/no-such-thing').set('x-request-id', given).expect(404);
        expect(res.headers['x-request-id']).toMatch(UUID);
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
      },
    );
  });

  describe('cursor pagination on GET /users', () => {
    async function readAll(limit: number): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Response = await t.http().get('/api/v1/users').query({ limit, ...(cursor ? { cursor } : {}) }).set(admin()).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...res.body.items.map((u: { id: string }) => u.id));
        cursor = res.body.nextCursor;
        pages += 1;
        if (pages > 50) throw new Error('pagination does not end');
      } while (cursor);
      return { ids, pages };
    }

    const storedOrder = async () => (await t.db.query('SELECT id FROM users ORDER BY created_at, id')).map((row: { id: string }) => row.id);

    it('shows every user exactly once, oldest first, across pages of 3', async () => {
      const created: string[] = [];
      for (let i = 0; i < 7; i++) created.push((await t.http().post('/api/v1/users').set(admin()).send(newUser()).expect(201)).body.id);
      const { ids, pages } = await readAll(3);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await storedOrder());
      expect(ids).toEqual(expect.arrayContaining(created));
      expect(pages).toBe(Math.ceil(ids.length / 3));
    });

    it('keeps a stable order among users created at the same instant', async () => {
      await t.db.query(`UPDATE users SET created_at = '2020-01-01T00:00:00.123456Z' WHERE role <> 'admin'`);
      const { ids } = await readAll(3);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await storedOrder());
    });

    it('neither repeats nor skips a user when another is added between pages', async () => {
      const first = await t.http().get('/api/v1/users?limit=3').set(admin()).expect(200);
      await t.http().post('/api/v1/users').set(admin()).send(newUser()).expect(201);
      const rest = await t.http().get('/api/v1/users').query({ limit: 200, cursor: first.body.nextCursor }).set(admin()).expect(200);
      const ids = [...first.body.items, ...rest.body.items].map((u: { id: string }) => u.id);
      expect(ids).toEqual(await storedOrder());
    });

    it.each([
      ['not base64 JSON', '%%%'],
      ['base64 of something else', Buffer.from('hello').toString('base64url')],
      ['a position that is not a time', Buffer.from(JSON.stringify(['not-a-time', randomUUID()])).toString('base64url')],
      ['a position with an id that is not a UUID', Buffer.from(JSON.stringify([new Date().toISOString(), '1'])).toString('base64url')],
    ])('refuses a cursor that is %s with 400 invalid_cursor', async (_, cursor) => {
      expectProblem(await t.http().get('/api/v1/users').query({ cursor }).set(admin()), 400, 'invalid_cursor');
    });

    it('refuses a limit outside 1..200', async () => {
      for (const limit of ['0', '201', 'ten']) {
        const res = await t.http().get('/api/v1/users').query({ limit }).set(admin());
        expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toContain('limit');
      }
    });
  });

  describe('Idempotency-Key on POST /users', () => {
    it('replays the first response for the same key and body, and creates one user', async () => {
      const body = newUser();
      const key = `create-${randomUUID()}`;
      const first = await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(body).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(body).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countUsers(body.email)).toBe(1);
    });

    it('runs a key once when the same request arrives twice at the same moment', async () => {
      const body = newUser();
      const key = `race-${randomUUID()}`;
      const send = () => t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(body);
      const results = await Promise.all([send(), send()]);
      expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
      for (const res of results) expect([201, 409]).toContain(res.status);
      expect(await countUsers(body.email)).toBe(1);
    });

    it('refuses the same key with another body with 422 idempotency_key_reused', async () => {
      const key = `reuse-${randomUUID()}`;
      await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(newUser()).expect(201);
      const other = newUser();
      expectProblem(await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(other), 422, 'idempotency_key_reused');
      expect(await countUsers(other.email)).toBe(0);
    });

    it('does not keep the key of a request that failed', async () => {
      const taken = newUser();
      await t.http().post('/api/v1/users').set(admin()).send(taken).expect(201);
      const key = `failed-${randomUUID()}`;
      expectProblem(await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(newUser({ email: taken.email })), 409, 'email_taken');
      expect(await t.db.query('SELECT key FROM idempotency_keys WHERE key = $1', [key])).toEqual([]);
      const fixed = newUser();
      const retry = await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(fixed).expect(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await countUsers(fixed.email)).toBe(1);
    });

    it('keeps the keys of different callers apart', async () => {
      const other = await signIn(t, Role.Admin);
      const key = `shared-${randomUUID()}`;
      const one = newUser();
      const two = newUser();
      await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', key).send(one).expect(201);
      const res = await t.http().post('/api/v1/users').set(bearer(other.token)).set('idempotency-key', key).send(two).expect(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(await countUsers(two.email)).toBe(1);
    });

    it('refuses a key that is not printable text', async () => {
      expectProblem(await t.http().post('/api/v1/users').set(admin()).set('idempotency-key', 'has space').send(newUser()), 400, 'invalid_idempotency_key');
    });
  });

  describe('ETag and If-Match on users', () => {
    it('refuses an update based on a stale read with 412 and changes nothing', async () => {
      const created = await t.http().post('/api/v1/users').set(admin()).send(newUser({ name: 'First Name' })).expect(201);
      const read = await t.http().get(`/api/v1/users/${created.body.id}`).set(admin()).expect(200);
      const etag = read.headers.etag;
      expect(etag).toMatch(/^"\d+"$/);
      const updated = await t.http().patch(`/api/v1/users/${created.body.id}`).set(admin()).set('if-match', etag).send({ name: 'Second Name' }).expect(200);
      expect(updated.headers.etag).toMatch(/^"\d+"$/);
      expect(updated.headers.etag).not.toBe(etag);

      const stale = await t.http().patch(`/api/v1/users/${created.body.id}`).set(admin()).set('if-match', etag).send({ name: 'Lost Update' });
      expectProblem(stale, 412, 'precondition_failed');
      const after = await t.http().get(`/api/v1/users/${created.body.id}`).set(admin()).expect(200);
      expect(after.body.name).toBe('Second Name');
      expect(after.headers.etag).toBe(updated.headers.etag);
    });

    it('lets exactly one of two updates based on the same read through', async () => {
      const created = await t.http().post('/api/v1/users').set(admin()).send(newUser()).expect(201);
      const etag = created.headers.etag;
      const patch = (name: string) => t.http().patch(`/api/v1/users/${created.body.id}`).set(admin()).set('if-match', etag).send({ name });
      const results = await Promise.all([patch('Writer One'), patch('Writer Two')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    });
  });

  describe('vendor users', () => {
    it('requires a vendorId for the vendor role', async () => {
      const res = await t.http().post('/api/v1/users').set(admin()).send(newUser({ role: Role.Vendor }));
      expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['vendorId']);
    });

    it.each([Role.Admin, Role.Procurement, Role.RiskManager, Role.Auditor])('refuses a vendorId for the %s role', async (role) => {
      const body = newUser({ role, vendorId: randomUUID() });
      const res = await t.http().post('/api/v1/users').set(admin()).send(body);
      expect(fieldsOf(expectProblem(res, 400, 'validation_failed'))).toEqual(['vendorId']);
      expect(await countUsers(body.email)).toBe(0);
    });

    it('keeps the vendor link consistent when the role changes', async () => {
      const vendorId = await makeVendor(t);
      const vendor = await t.http().post('/api/v1/users').set(admin()).send(newUser({ role: Role.Vendor, vendorId, password: PASSWORD })).expect(201);
      expect(vendor.body.vendorId).toBe(vendorId);
      const id = vendor.body.id as string;
      expectProblem(await t.http().patch(`/api/v1/users/${id}`).set(admin()).send({ vendorId: null }), 400, 'validation_failed');
      const staff = await t.http().patch(`/api/v1/users/${id}`).set(admin()).send({ role: Role.Procurement }).expect(200);
      expect(staff.body.vendorId).toBeNull();
      expectProblem(await t.http().patch(`/api/v1/users/${id}`).set(admin()).send({ vendorId: randomUUID() }), 400, 'validation_failed');
      expectProblem(await t.http().patch(`/api/v1/users/${id}`).set(admin()).send({ role: Role.Vendor }), 400, 'validation_failed');
    });
  });
});

describe('the last active admin', () => {
  let t: TestApp;
  const adminIds = async () =>
    (await t.db.query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`)).map((row: { id: string }) => row.id);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('cannot be disabled or demoted', async () => {
    const [adminId] = await adminIds();
    for (const change of [{ disabled: true }, { role: Role.Auditor }]) {
      expectProblem(await t.http().patch(`/api/v1/users/${adminId}`).set(bearer(t.adminToken)).send(change), 409, 'last_admin');
    }
    expect(await adminIds()).toEqual([adminId]);
  });

  it('can be disabled once another admin is active', async () => {
    const second = await signIn(t, Role.Admin);
    await t.http().patch(`/api/v1/users/${second.id}`).set(bearer(t.adminToken)).send({ disabled: true }).expect(200);
    expect(await adminIds()).toHaveLength(1);
  });

  it('survives two admins disabling each other at the same moment', async () => {
    const [firstId] = await adminIds();
    let current = { id: firstId, token: t.adminToken };
    for (let round = 0; round < 5; round++) {
      const address = email();
      const created = await t.http().post('/api/v1/users').set(bearer(current.token)).send({ email: address, name: 'Other Admin', role: Role.Admin, password: PASSWORD }).expect(201);
      const login = await t.http().post('/api/v1/auth/login').send({ email: address, password: PASSWORD }).expect(200);
      const other = { id: created.body.id as string, token: login.body.token as string };
      const results = await Promise.all([
        t.http().patch(`/api/v1/users/${other.id}`).set(bearer(current.token)).send({ disabled: true }),
        t.http().patch(`/api/v1/users/${current.id}`).set(bearer(other.token)).send({ disabled: true }),
      ]);
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.every((r) => [200, 401, 409].includes(r.status))).toBe(true);
      const remaining = await adminIds();
      expect(remaining).toHaveLength(1);
      current = remaining[0] === other.id ? other : current;
    }
  });
});
