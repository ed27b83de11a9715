import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Role } from '../../src/auth/roles.js';
import { Clock } from '../../src/common/clock.js';
import { CLIENT_ID, CLIENT_SECRET, startTestIdp, type TestIdp } from '../support/oidc-provider.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A browser's cookie jar, enough for one sign-in: names are distinct across the two servers. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || pair.slice(eq + 1) === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

async function visit(jar: CookieJar, url: string): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(response);
  return response;
}

const ROLE_MAP = 'assay-risk=risk_manager,assay-buyers=procurement,assay-audit=auditor,assay-admins=admin';

describe('staff single sign-on through an OpenID Connect provider', () => {
  let t: TestApp;
  let idp: TestIdp;
  let appUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    idp = await startTestIdp(`${appUrl}/api/v1/auth/oidc/callback`);
    t = await startTestApp({
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: appUrl,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: ROLE_MAP,
        OIDC_SCOPES: 'openid email profile groups',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await idp?.stop();
  });

  /** Starts at Assay, signs in at the provider, and stops at the callback address the provider sent the browser to. */
  async function untilCallback(subject: string, next = '/assessments'): Promise<{ jar: CookieJar; callbackUrl: string }> {
    idp.signInAs(subject);
    const jar = new CookieJar();
    let response = await visit(jar, `${appUrl}/api/v1/auth/oidc/login?next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(302);
    const authorization = new URL(response.headers.get('location')!);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    let location = authorization.href;
    for (let hops = 0; !location.startsWith(appUrl); hops++) {
      if (hops > 10) throw new Error(`the provider never sent the browser back (last: ${location})`);
      response = await visit(jar, location);
      expect([302, 303]).toContain(response.status);
      location = new URL(response.headers.get('location')!, location).href;
    }
    return { jar, callbackUrl: location };
  }

  async function callback(jar: CookieJar, callbackUrl: string): Promise<string> {
    const response = await visit(jar, callbackUrl);
    expect(response.status).toBe(302);
    return response.headers.get('location')!;
  }

  async function signInWithProvider(subject: string, next?: string) {
    const { jar, callbackUrl } = await untilCallback(subject, next);
    return { jar, location: await callback(jar, callbackUrl) };
  }

  async function me(jar: CookieJar) {
    return fetch(`${appUrl}/api/v1/me`, { headers: { cookie: jar.header() } });
  }

  const userByEmail = (email: string) => t.db.query('SELECT id, role, name, password_hash, disabled_at FROM users WHERE email = $1', [email]);

  it('says single sign-on is on, and passwords are open to all by default', async () => {
    const methods = await t.http().get('/api/v1/auth/methods').expect(200);
    expect(methods.body).toEqual({ oidc: true, localLogin: 'all' });
  });

  it('provisions a risk manager on the first sign-in, with a cookie session that works', async () => {
    idp.accounts.set('u-rita', { email: 'Rita.Risk@bank.example', name: 'Rita Risk', groups: ['staff', 'assay-risk'] });
    const { jar, location } = await signInWithProvider('u-rita', '/assessments/42');
    expect(location).toBe('/assessments/42');
    expect(jar.get('assay_session')).toBeTruthy();
    expect(jar.get('assay_oidc')).toBeUndefined();
    const response = await me(jar);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: 'rita.risk@bank.example', name: 'Rita Risk', role: Role.RiskManager });
    const [user] = await userByEmail('rita.risk@bank.example');
    expect(user).toMatchObject({ role: 'risk_manager', password_hash: null, disabled_at: null });
    const events = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [user.id]);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['user.created', 'session.oidc']);
    // A cookie-authenticated write still needs the CSRF header: the session is the ordinary browser session.
    const logout = await fetch(`${appUrl}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: jar.header() } });
    expect(logout.status).toBe(403);
  }, 60_000);

  it('reuses the user on the next sign-in and takes a changed role from the claim, audited', async () => {
    idp.accounts.set('u-bob', { email: 'bob@bank.example', name: 'Bob Buyer', groups: ['assay-buyers'] });
    await signInWithProvider('u-bob');
    const [first] = await userByEmail('bob@bank.example');
    expect(first.role).toBe('procurement');

    idp.accounts.set('u-bob', { email: 'bob@bank.example', name: 'Bob Buyer', groups: ['assay-buyers', 'assay-risk'] });
    const started = await untilCallback('u-bob', '//evil.example/steal');
    const jar = started.jar;
    // Some providers add parameters of their own to the callback.
    expect(await callback(jar, `${started.callbackUrl}&session_state=abc&authuser=0`)).toBe('/');
    expect(await (await me(jar)).json()).toMatchObject({ id: first.id, role: Role.RiskManager });
    const users = await userByEmail('bob@bank.example');
    expect(users).toHaveLength(1);
    const [change] = await t.db.query(`SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'user.updated'`, [first.id]);
    expect(change.changes).toEqual({ role: { before: 'procurement', after: 'risk_manager' } });
  }, 60_000);

  it('refuses a deactivated user', async () => {
    idp.accounts.set('u-gone', { email: 'gone@bank.example', name: 'Gone', groups: ['assay-audit'] });
    await signInWithProvider('u-gone');
    await t.db.query(`UPDATE users SET disabled_at = now() WHERE email = 'gone@bank.example'`);
    const { jar, location } = await signInWithProvider('u-gone');
    expect(location).toBe('/sign-in?error=oidc_disabled');
    expect(jar.get('assay_session')).toBeUndefined();
  }, 60_000);

  it('refuses an account whose groups map to no Assay role, and creates no user', async () => {
    idp.accounts.set('u-mark', { email: 'mark@bank.example', name: 'Mark Eting', groups: ['marketing'] });
    const { jar, location } = await signInWithProvider('u-mark');
    expect(location).toBe('/sign-in?error=oidc_no_role');
    expect(jar.get('assay_session')).toBeUndefined();
    expect(await userByEmail('mark@bank.example')).toHaveLength(0);
  }, 60_000);

  it('refuses a replayed callback, and a callback from another browser', async () => {
    idp.accounts.set('u-rep', { email: 'replay@bank.example', name: 'Re Play', groups: ['assay-audit'] });
    const { jar, callbackUrl } = await untilCallback('u-rep');
    const stolen = new CookieJar();
    expect(await callback(stolen, callbackUrl)).toBe('/sign-in?error=oidc_state');

    const second = await untilCallback('u-rep');
    const replayJar = new CookieJar();
    // The browser's own sign-in cookie, kept for the replay.
    replayJar.take(new Response(null, { headers: { 'set-cookie': `assay_oidc=${second.jar.get('assay_oidc')}` } }));
    expect(await callback(second.jar, second.callbackUrl)).toBe('/assessments');
    expect(await callback(replayJar, second.callbackUrl)).toBe('/sign-in?error=oidc_state');
    expect(await callback(jar, `${appUrl}/api/v1/auth/oidc/callback?code=x&state=never-issued`)).toBe('/sign-in?error=oidc_state');
  }, 60_000);

  it('sends the browser back with oidc_denied when the provider answers with an error', async () => {
    idp.accounts.set('u-no', { email: 'no@bank.example', name: 'No', groups: ['assay-risk'] });
    const { jar, callbackUrl } = await untilCallback('u-no');
    const state = new URL(callbackUrl).searchParams.get('state')!;
    const denied = `${appUrl}/api/v1/auth/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(idp.issuer)}`;
    expect(await callback(jar, denied)).toBe('/sign-in?error=oidc_denied');
  }, 60_000);

  it('refuses an ID token the provider issued for another client', async () => {
    idp.accounts.set('u-aud', { email: 'aud@bank.example', name: 'Aud', groups: ['assay-risk'] });
    idp.issueForOtherClient(true);
    try {
      const { location } = await signInWithProvider('u-aud');
      expect(location).toBe('/sign-in?error=oidc_audience');
    } finally {
      idp.issueForOtherClient(false);
    }
    expect(await userByEmail('aud@bank.example')).toHaveLength(0);
  }, 60_000);

  it('refuses an ID token that has expired by the time Assay checks it', async () => {
    idp.accounts.set('u-late', { email: 'late@bank.example', name: 'Late', groups: ['assay-risk'] });
    const clock = t.app.get(Clock);
    const system = clock.now.bind(clock);
    // Assay's clock two hours ahead of the provider's: its one-hour ID tokens are past their expiry.
    clock.now = () => new Date(Date.now() + 2 * 3600_000);
    try {
      const { location } = await signInWithProvider('u-late');
      expect(location).toBe('/sign-in?error=oidc_expired');
    } finally {
      clock.now = system;
    }
    const { location } = await signInWithProvider('u-late');
    expect(location).toBe('/assessments');
  }, 60_000);

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    idp.accounts.set('u-nonce', { email: 'nonce@bank.example', name: 'Nonce', groups: ['assay-risk'] });
    idp.signInAs('u-nonce');
    const { jar, callbackUrl } = await untilCallback('u-nonce');
    await t.db.query(`UPDATE oidc_sign_ins SET nonce = 'a-nonce-this-sign-in-never-sent'`);
    expect(await callback(jar, callbackUrl)).toBe('/sign-in?error=oidc_nonce');
    expect(await userByEmail('nonce@bank.example')).toHaveLength(0);
  }, 60_000);

  it('refuses a vendor account that tries single sign-on', async () => {
    const vendor = await signIn(t, Role.Vendor, { email: 'vendor.person@supplier.example' });
    idp.accounts.set('u-vendor', { email: vendor.email, name: 'Vendor Person', groups: ['assay-risk'] });
    const { location } = await signInWithProvider('u-vendor');
    expect(location).toBe('/sign-in?error=oidc_vendor_account');
    const [user] = await userByEmail(vendor.email);
    expect(user.role).toBe('vendor');
  }, 60_000);
});

describe('passwords for vendors only, and a provider that is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    const deadPort = await freePort();
    t = await startTestApp({
      env: {
        OIDC_ISSUER: `http://127.0.0.1:${deadPort}`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: ROLE_MAP,
        LOCAL_LOGIN: 'vendors-only',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('says so to the portal', async () => {
    const methods = await t.http().get('/api/v1/auth/methods').expect(200);
    expect(methods.body).toEqual({ oidc: true, localLogin: 'vendors-only' });
  });

  it('refuses a staff password sign-in, and lets a vendor and the admin in', async () => {
    const vendor = await signIn(t, Role.Vendor);
    expect(vendor.token).toBeTruthy();
    const email = 'risk.person@bank.example';
    await t.http().post('/api/v1/users').set({ authorization: `Bearer ${t.adminToken}` }).send({ email, name: 'Risk Person', role: Role.RiskManager, password: PASSWORD }).expect(201);
    const refused = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('local_login_disabled');
    // A wrong password gets the ordinary answer: the refusal tells nothing to someone without it.
    await t.http().post('/api/v1/auth/login').send({ email, password: 'not-the-password' }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
  });

  it('answers 503 problem+json when the provider cannot be reached, and starts anyway', async () => {
    const response = await t.http().get('/api/v1/auth/oidc/login?next=/').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('oidc_unavailable');
    await t.http().get('/health/live').expect(200);
  });
});
