import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { Role } from '../../src/auth/roles.js';
import { HASHED_FIELDS, type HashedField } from '../../src/domain/audit-chain.js';
import { bearer, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';

interface AuditEvent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

const email = () => `audited.${randomBytes(5).toString('hex')}@bank.example`;

async function readEvents(t: TestApp, query: Record<string, string | number> = {}): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const res: Response = await t.http().get('/api/v1/audit-events').query({ limit: 200, ...query, ...(cursor ? { cursor } : {}) }).set(bearer(t.adminToken)).expect(200);
    events.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return events;
}

async function verify(t: TestApp) {
  return (await t.http().get('/api/v1/audit-events/verify').set(bearer(t.adminToken)).expect(200)).body;
}

async function adminId(t: TestApp): Promise<string> {
  return (await t.http().get('/api/v1/me').set(bearer(t.adminToken)).expect(200)).body.id;
}

describe('the audit trail of every mutation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  const only = async (entityId: string, action: string) => {
    const events = (await readEvents(t, { entityId })).filter((e) => e.action === action);
    expect(events).toHaveLength(1);
    return events[0];
  };

  it('records the first admin as created by the system at boot, and starts the chain at the genesis hash', async () => {
    const events = await readEvents(t);
    expect(events[events.length - 1]).toMatchObject({ id: '1', prevHash: '0'.repeat(64) });
    const boot = await only(await adminId(t), 'user.created');
    expect(boot).toMatchObject({ actorId: null, actorRole: 'system', requestId: null });
    expect(boot.changes.role).toEqual({ before: null, after: 'admin' });
  });

  it('records a created user with its actor, request id and new values', async () => {
    const address = email();
    const res = await t.http().post('/api/v1/users').set(bearer(t.adminToken)).send({ email: address, name: 'Ada Audit', role: Role.Procurement, password: PASSWORD }).expect(201);
    const event = await only(res.body.id, 'user.created');
    expect(event).toMatchObject({ actorId: await adminId(t), actorRole: 'admin', entityType: 'user', requestId: res.headers['x-request-id'] });
    expect(event.changes).toEqual({
      email: { before: null, after: address },
      name: { before: null, after: 'Ada Audit' },
      role: { before: null, after: 'procurement' },
    });
  });

  it('records only the fields an update changed, before and after', async () => {
    const user = await signIn(t, Role.Procurement);
    const res = await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ name: 'Renamed', role: Role.RiskManager }).expect(200);
    const event = await only(user.id, 'user.updated');
    expect(event).toMatchObject({ actorId: await adminId(t), requestId: res.headers['x-request-id'] });
    expect(event.changes).toEqual({ name: { before: 'Test procurement', after: 'Renamed' }, role: { before: 'procurement', after: 'risk_manager' } });
  });

  it('writes no event for an update that changes nothing', async () => {
    const user = await signIn(t, Role.Auditor);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ name: 'Test auditor' }).expect(200);
    expect((await readEvents(t, { entityId: user.id })).filter((e) => e.action === 'user.updated')).toEqual([]);
  });

  it('records a password change without any password or hash', async () => {
    const user = await signIn(t, Role.Auditor);
    await t.http().patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ password: 'another-long-password' }).expect(200);
    const event = await only(user.id, 'user.updated');
    expect(event.changes).toEqual({ password: { before: '[redacted]', after: '[changed]' } });
  });

  it('records a login and a logout as the signed-in user, in their requests', async () => {
    const user = await signIn(t, Role.RiskManager);
    const login = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    const logout = await t.http().post('/api/v1/auth/logout').set(bearer(login.body.token)).expect(204);
    const events = await readEvents(t, { entityId: user.id });
    const loginEvent = events.find((e) => e.action === 'session.login' && e.requestId === login.headers['x-request-id']);
    expect(loginEvent).toMatchObject({ actorId: user.id, actorRole: 'risk_manager', entityType: 'user' });
    expect(loginEvent!.changes.session).toEqual({ before: null, after: expect.any(String) });
    expect(events.find((e) => e.action === 'session.logout')).toMatchObject({ actorId: user.id, entityType: 'user', requestId: logout.headers['x-request-id'] });
  });

  it('records an API key created and revoked, never its secret', async () => {
    const owner = await signIn(t, Role.Auditor);
    const created = await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'export job', userId: owner.id }).expect(201);
    const revoked = await t.http().delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(t.adminToken)).expect(204);
    const createdEvent = await only(created.body.id, 'api_key.created');
    expect(createdEvent).toMatchObject({ entityType: 'api_key', actorId: await adminId(t), requestId: created.headers['x-request-id'] });
    expect(createdEvent.changes).toEqual({ name: { before: null, after: 'export job' }, userId: { before: null, after: owner.id } });
    const revokedEvent = await only(created.body.id, 'api_key.revoked');
    expect(revokedEvent.requestId).toBe(revoked.headers['x-request-id']);
    expect(revokedEvent.changes.revokedAt).toEqual({ before: null, after: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const trail = JSON.stringify(await t.db.query('SELECT * FROM audit_events'));
    expect(trail).not.toContain(created.body.token);
  });

  it('never stores a password, a password hash or a token anywhere in the trail', async () => {
    const user = await signIn(t, Role.Procurement);
    const hashes = (await t.db.query('SELECT password_hash FROM users WHERE password_hash IS NOT NULL')).map((r: { password_hash: string }) => r.password_hash);
    const tokenHashes = (await t.db.query('SELECT token_hash FROM api_tokens')).map((r: { token_hash: string }) => r.token_hash);
    const trail = JSON.stringify(await t.db.query('SELECT * FROM audit_events'));
    for (const secret of [PASSWORD, user.token, t.adminToken, ...hashes, ...tokenHashes]) expect(trail).not.toContain(secret);
    expect(trail).not.toMatch(/scrypt\$|assay_[A-Za-z0-9_-]{20}/);
  });

  it('writes nothing for a request that was refused or failed', async () => {
    const before = (await readEvents(t)).length;
    const taken = await signIn(t, Role.Auditor);
    const afterSetup = (await readEvents(t)).length;
    await t.http().post('/api/v1/users').set(bearer(t.adminToken)).send({ email: taken.email, name: 'Dup', role: Role.Auditor }).expect(409);
    await t.http().post('/api/v1/users').set(bearer(taken.token)).send({ email: email(), name: 'Nope', role: Role.Admin }).expect(403);
    await t.http().patch(`/api/v1/users/${taken.id}`).set(bearer(t.adminToken)).set('if-match', '"99"').send({ name: 'Stale' }).expect(412);
    await t.http().post('/api/v1/auth/login').send({ email: taken.email, password: 'wrong-password!' }).expect(401);
    expect(afterSetup).toBeGreaterThan(before);
    expect((await readEvents(t)).length).toBe(afterSetup);
  });
});

describe('reading the audit trail', () => {
  let t: TestApp;
  let all: AuditEvent[];
  let actor: { id: string; token: string; email: string };

  beforeAll(async () => {
    t = await startTestApp();
    actor = await signIn(t, Role.RiskManager);
    for (let i = 0; i < 3; i++) await t.http().post('/api/v1/auth/login').send({ email: actor.email, password: PASSWORD }).expect(200);
    const key = await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'filtered' }).expect(201);
    await t.http().delete(`/api/v1/api-keys/${key.body.id}`).set(bearer(t.adminToken)).expect(204);
    all = await readEvents(t);
  });
  afterAll(() => t.stop());

  it('lists newest first', () => {
    const ids = all.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(ids[ids.length - 1]).toBe(1n);
  });

  it('filters by entity type and entity id', async () => {
    const keys = await readEvents(t, { entityType: 'api_key' });
    expect(keys.map((e) => e.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
    const mine = await readEvents(t, { entityType: 'user', entityId: actor.id });
    expect(mine).toEqual(all.filter((e) => e.entityType === 'user' && e.entityId === actor.id));
    expect(mine.length).toBeGreaterThanOrEqual(5);
  });

  it('filters by actor', async () => {
    const byActor = await readEvents(t, { actor: actor.id });
    expect(byActor.map((e) => e.action)).toEqual(['session.login', 'session.login', 'session.login', 'session.login']);
    expect(byActor).toEqual(all.filter((e) => e.actorId === actor.id));
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    const times = [...new Set(all.map((e) => e.occurredAt))].sort();
    const middle = times[Math.floor(times.length / 2)];
    const from = await readEvents(t, { from: middle });
    const to = await readEvents(t, { to: middle });
    expect(from).toEqual(all.filter((e) => e.occurredAt >= middle));
    expect(to).toEqual(all.filter((e) => e.occurredAt < middle));
    expect(from.length + to.length).toBe(all.length);
    expect(await readEvents(t, { from: middle, to: middle })).toEqual([]);
  });

  it('pages with a cursor, each event once, also under a filter', async () => {
    for (const filter of [{}, { entityType: 'user' }] as Record<string, string>[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http().get('/api/v1/audit-events').query({ limit: 2, ...filter, ...(cursor ? { cursor } : {}) }).set(bearer(t.adminToken)).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((e: AuditEvent) => e.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual((await readEvents(t, filter)).map((e) => e.id));
    }
  });

  it('refuses malformed filters', async () => {
    for (const query of [{ actor: 'someone' }, { from: 'last tuesday' }, { to: '2026-13-45' }, { entityType: '' }]) {
      const res = await t.http().get('/api/v1/audit-events').query(query).set(bearer(t.adminToken));
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
    }
  });

  it('is open to auditors and admins only', async () => {
    const auditor = await signIn(t, Role.Auditor);
    await t.http().get('/api/v1/audit-events').set(bearer(auditor.token)).expect(200);
    await t.http().get('/api/v1/audit-events/verify').set(bearer(auditor.token)).expect(200);
    for (const role of [Role.Procurement, Role.RiskManager, Role.Vendor]) {
      const user = await signIn(t, role);
      expect((await t.http().get('/api/v1/audit-events').set(bearer(user.token))).status).toBe(403);
      expect((await t.http().get('/api/v1/audit-events/verify').set(bearer(user.token))).status).toBe(403);
    }
  });
});

describe('verifying the hash chain', () => {
  let t: TestApp;

  /** A chain of several events: what boot records, two users created, their logins. */
  async function appWithHistory(): Promise<TestApp> {
    const app = await startTestApp();
    await signIn(app, Role.Procurement);
    await signIn(app, Role.Auditor);
    return app;
  }

  const seqs = async () => (await t.db.query('SELECT seq FROM audit_events ORDER BY seq')).map((r: { seq: string }) => r.seq) as string[];

  afterEach(() => t?.stop());

  it('finds an untouched chain valid', async () => {
    t = await appWithHistory();
    expect(await verify(t)).toEqual({ valid: true, checked: (await seqs()).length });
  });

  it('names the event after one deleted from the middle', async () => {
    t = await appWithHistory();
    const all = await seqs();
    const removed = all[3];
    await t.db.query('DELETE FROM audit_events WHERE seq = $1', [removed]);
    expect(await verify(t)).toEqual({ valid: false, checked: Number(removed) - 1, firstBrokenId: all[4] });
  });

  it('notices the newest event deleted, though the rest still links up', async () => {
    t = await appWithHistory();
    const all = await seqs();
    const newest = all[all.length - 1];
    await t.db.query('DELETE FROM audit_events WHERE seq = $1', [newest]);
    expect(await verify(t)).toEqual({ valid: false, checked: all.length - 1, firstBrokenId: newest });
  });

  it('names an event whose stored hash was replaced', async () => {
    t = await appWithHistory();
    const all = await seqs();
    const target = all[1];
    await t.db.query(`UPDATE audit_events SET action = 'user.viewed', hash = repeat('a', 64) WHERE seq = $1`, [target]);
    const result = await verify(t);
    expect(result.valid).toBe(false);
    expect(result.firstBrokenId).toBe(target);
  });
});

/**
 * How to forge each hashed column of one event in the database. Typed by the list of hashed
 * fields, so a field added to the hash does not compile until its forgery is written here.
 */
const FORGERIES: Record<HashedField, string> = {
  seq: 'seq = seq + 1',
  occurredAt: "occurred_at = occurred_at + interval '1 millisecond'",
  actorId: 'actor_id = entity_id::uuid',
  actorRole: "actor_role = 'auditor'",
  action: "action = 'user.viewed'",
  entityType: "entity_type = 'api_key'",
  entityId: "entity_id = 'forged-entity'",
  changes: `changes = changes || '{"role": {"before": null, "after": "admin"}}'`,
  requestId: "request_id = 'forged-request'",
};

describe('verifying the hash chain after one hashed column was edited in the database', () => {
  let t: TestApp;
  let target: string;
  let newest: string;

  beforeAll(async () => {
    t = await startTestApp();
    const created = await signIn(t, Role.Procurement);
    await signIn(t, Role.Auditor);
    // The user's creation by the admin: an event with an actor, a role and a request id, not the newest.
    target = (await t.db.query(`SELECT seq FROM audit_events WHERE action = 'user.created' AND entity_id = $1`, [created.id]))[0].seq;
    newest = (await t.db.query('SELECT max(seq)::text AS seq FROM audit_events'))[0].seq;
  });
  afterAll(() => t.stop());

  /** Edits one event for the length of `check`, then puts the row back as it was. */
  async function whileForged(seq: string, assignment: string, check: () => Promise<void>): Promise<void> {
    await t.db.query('CREATE TABLE forged_backup AS SELECT * FROM audit_events WHERE seq = $1', [seq]);
    try {
      await t.db.query(`UPDATE audit_events SET ${assignment} WHERE seq = $1`, [seq]);
      await check();
    } finally {
      // The forged row, also where its seq was moved past the newest event.
      await t.db.query('DELETE FROM audit_events WHERE seq = $1 OR seq > $2', [seq, newest]);
      await t.db.query('INSERT INTO audit_events SELECT * FROM forged_backup');
      await t.db.query('DROP TABLE forged_backup');
    }
  }

  it('covers every hashed field, none more', () => {
    expect(Object.keys(FORGERIES).sort()).toEqual([...HASHED_FIELDS].sort());
  });

  it.each(HASHED_FIELDS.filter((field) => field !== 'seq').map((field) => [field]))('names the event whose %s was edited', async (field) => {
    await whileForged(target, FORGERIES[field], async () => {
      const changed = await t.db.query(`SELECT count(*)::int AS n FROM audit_events e JOIN forged_backup b USING (seq) WHERE to_jsonb(e) = to_jsonb(b)`);
      expect(changed[0].n).toBe(0);
      expect(await verify(t)).toEqual({ valid: false, checked: Number(target) - 1, firstBrokenId: target });
    });
    expect(await verify(t)).toEqual({ valid: true, checked: Number(newest) });
  });

  it('names the event whose seq was edited, under its new number', async () => {
    // Only the newest event can be renumbered without colliding with the next one.
    await whileForged(newest, FORGERIES.seq, async () => {
      expect(await verify(t)).toEqual({ valid: false, checked: Number(newest) - 1, firstBrokenId: String(BigInt(newest) + 1n) });
    });
    expect(await verify(t)).toEqual({ valid: true, checked: Number(newest) });
  });
});
