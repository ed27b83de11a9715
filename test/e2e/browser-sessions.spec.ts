import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { Role } from '../../src/auth/roles.js';
import { expectProblem } from '../support/problem.js';
import { draftAssessment, invitationToken } from '../support/flows.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

interface BrowserSession {
  session: string;
  csrf: string;
  setCookies: string[];
}

const COOKIE_MODE = { 'x-session': 'cookie' };

function cookiesOf(res: Response): BrowserSession {
  const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const value = (name: string) => setCookies.find((line) => line.startsWith(`${name}=`))?.split(';')[0].slice(name.length + 1) ?? '';
  return { session: decodeURIComponent(value('assay_session')), csrf: decodeURIComponent(value('assay_csrf')), setCookies };
}

const cookieHeader = (s: BrowserSession) => ({ cookie: `assay_session=${encodeURIComponent(s.session)}; assay_csrf=${encodeURIComponent(s.csrf)}` });
const withCsrf = (s: BrowserSession) => ({ ...cookieHeader(s), 'x-csrf-token': s.csrf });
const newUser = () => ({ email: `user.${randomBytes(4).toString('hex')}@bank.example`, name: 'Ada Audit', role: Role.Auditor, password: 'a-long-enough-password' });
const countUsers = async (t: TestApp, email: string) => Number((await t.db.query('SELECT count(*) AS n FROM users WHERE email = $1', [email]))[0].n);

describe('browser sessions over https', () => {
  let t: TestApp;
  let admin: BrowserSession;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://assay.bank.example' } });
    admin = cookiesOf(await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200));
  });
  afterAll(() => t.stop());

  it('signs a browser in with an HttpOnly, SameSite=Strict, Secure cookie and no token in the body', async () => {
    const res = await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    expect(res.body.token).toBeUndefined();
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    const { setCookies, session, csrf } = cookiesOf(res);
    const sessionCookie = setCookies.find((line) => line.startsWith('assay_session='))!;
    expect(sessionCookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${12 * 3600}`, 'Path=/', 'SameSite=Strict', 'Secure']);
    const csrfCookie = setCookies.find((line) => line.startsWith('assay_csrf='))!;
    expect(csrfCookie).not.toContain('HttpOnly');
    expect(csrfCookie).toContain('SameSite=Strict');
    expect(session).toMatch(/^assay_/);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf).not.toBe(session);
  });

  it('keeps answering API clients with a bearer token and sets no cookie', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    expect(res.body.token).toMatch(/^assay_/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the session cookie for reads without a CSRF header', async () => {
    const me = await t.http().get('/api/v1/me').set(cookieHeader(admin)).expect(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
  });

  it('accepts a cookie-signed write that repeats the CSRF token', async () => {
    const body = newUser();
    await t.http().post('/api/v1/users').set(withCsrf(admin)).send(body).expect(201);
    expect(await countUsers(t, body.email)).toBe(1);
  });

  it('refuses a cookie-signed write without the CSRF header with 403 csrf_failed, and changes nothing', async () => {
    const body = newUser();
    expectProblem(await t.http().post('/api/v1/users').set(cookieHeader(admin)).send(body), 403, 'csrf_failed');
    expect(await countUsers(t, body.email)).toBe(0);
  });

  it("refuses a CSRF token that is not this session's", async () => {
    const other = cookiesOf(await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200));
    const body = newUser();
    for (const token of [other.csrf, 'x'.repeat(43), admin.session, '']) {
      expectProblem(await t.http().post('/api/v1/users').set({ ...cookieHeader(admin), 'x-csrf-token': token }).send(body), 403, 'csrf_failed');
    }
    expect(await countUsers(t, body.email)).toBe(0);
  });

  it('does not ask bearer writes for a CSRF token, even next to a cookie', async () => {
    const body = newUser();
    await t.http().post('/api/v1/users').set({ ...bearer(t.adminToken), cookie: 'assay_session=assay_not-a-real-session-token' }).send(body).expect(201);
    expect(await countUsers(t, body.email)).toBe(1);
  });

  it('refuses an unknown or revoked session cookie with 401', async () => {
    expectProblem(await t.http().get('/api/v1/me').set({ cookie: 'assay_session=assay_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 401, 'unauthenticated');
  });

  it('refuses a logout without the CSRF token, and the session still works', async () => {
    const browser = cookiesOf(await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200));
    expectProblem(await t.http().post('/api/v1/auth/logout').set(cookieHeader(browser)), 403, 'csrf_failed');
    await t.http().get('/api/v1/me').set(cookieHeader(browser)).expect(200);
  });

  it('ends the session on logout and clears both cookies', async () => {
    const browser = cookiesOf(await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200));
    const res = await t.http().post('/api/v1/auth/logout').set(withCsrf(browser)).expect(204);
    const cleared = cookiesOf(res).setCookies;
    expect(cleared).toEqual([expect.stringMatching(/^assay_session=; .*Max-Age=0/), expect.stringMatching(/^assay_csrf=; .*Max-Age=0/)]);
    expectProblem(await t.http().get('/api/v1/me').set(cookieHeader(browser)), 401, 'unauthenticated');
  });

  it('signs the invited vendor in by cookie and names the assessment to open', async () => {
    const procurement = await signIn(t, Role.Procurement);
    const draft = await draftAssessment(t, procurement.token);
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(procurement.token)).expect(200);
    const token = await invitationToken(t, draft.contactEmail);
    const res = await t.http().post('/api/v1/auth/invitations/accept').set(COOKIE_MODE).send({ token, name: 'Sam Lee' }).expect(200);
    expect(res.body).toMatchObject({ assessmentId: draft.assessmentId, user: { role: 'vendor', vendorId: draft.vendorId } });
    expect(res.body.token).toBeUndefined();
    const vendor = cookiesOf(res);
    await t.http().get(`/api/v1/assessments/${draft.assessmentId}`).set(cookieHeader(vendor)).expect(200);
    const questions = await t.http().get(`/api/v1/assessments/${draft.assessmentId}/questions`).set(cookieHeader(vendor)).expect(200);
    const first = questions.body.items.find((q: { type: string }) => q.type === 'text' || q.type === 'boolean');
    const answer = { responses: [{ questionId: first.id, value: first.type === 'text' ? 'Yes, quarterly.' : true }] };
    expectProblem(await t.http().put(`/api/v1/assessments/${draft.assessmentId}/responses`).set(cookieHeader(vendor)).send(answer), 403, 'csrf_failed');
    await t.http().put(`/api/v1/assessments/${draft.assessmentId}/responses`).set(withCsrf(vendor)).send(answer).expect(200);
  });
});

describe('browser sessions over plain http', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
  });
  afterAll(() => t.stop());

  it('leaves Secure off where the portal is not served over https', async () => {
    const res = await t.http().post('/api/v1/auth/login').set(COOKIE_MODE).send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    for (const line of cookiesOf(res).setCookies) expect(line).not.toContain('Secure');
  });
});
