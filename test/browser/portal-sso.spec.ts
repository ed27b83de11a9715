import { freePort, launchBrowser, step, type TestBrowser } from '../support/browser.js';
import { CLIENT_ID, CLIENT_SECRET, startTestIdp, type TestIdp } from '../support/oidc-provider.js';
import { expectAccessible, SLOW } from '../support/portal.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("signing in to the portal with the organisation's account", () => {
  let t: TestApp;
  let idp: TestIdp;
  let chrome: TestBrowser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startTestIdp(`${base}/api/v1/auth/oidc/callback`);
    t = await startTestApp({
      env: {
        PUBLIC_URL: base,
        PORT: String(port),
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_ROLE_CLAIM: 'groups',
        OIDC_ROLE_MAP: 'assay-risk=risk_manager',
        OIDC_SCOPES: 'openid email profile groups',
        LOCAL_LOGIN: 'vendors-only',
      },
    });
    chrome = await launchBrowser();
  }, SLOW);

  afterAll(async () => {
    await chrome?.close();
    await t?.stop();
    await idp?.stop();
  });

  it('explains a refused sign-in in words, says who uses a password, and signs staff in through the provider', async () => {
    const { page, context } = await chrome.visitor();
    await step(page, 'refused sign-in explained', async () => {
      await page.goto(`${base}/sign-in?error=oidc_no_role`);
      await page.getByText('Your account has no Assay role').waitFor();
      await page.getByText('The password form below is for vendors').waitFor();
      await page.getByRole('heading', { name: 'Vendors: sign in with your password' }).waitFor();
      await expectAccessible(page);
    });
    await step(page, 'single sign-on', async () => {
      idp.accounts.set('u-risk', { email: 'risk.sso@bank.example', name: 'Risa Sso', groups: ['assay-risk'] });
      idp.signInAs('u-risk');
      await page.getByRole('link', { name: "Sign in with your organisation's account" }).click();
      await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/sign-in'));
      expect((await context.cookies()).map((cookie) => cookie.name)).toContain('assay_session');
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ email: 'risk.sso@bank.example', role: 'risk_manager' });
    });
    await context.close();
  }, SLOW);
});
