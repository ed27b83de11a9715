import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContext } from 'oidc-provider';

export interface IdpAccount {
  email: string;
  name: string;
  groups: string[];
}

export const CLIENT_ID = 'assay-portal';
export const CLIENT_SECRET = 'a-client-secret-for-the-test-only';

export interface TestIdp {
  issuer: string;
  /** Accounts by subject; the test changes them between sign-ins. */
  accounts: Map<string, IdpAccount>;
  /** Who signs in at the provider's login prompt of the next sign-in. */
  signInAs: (subject: string) => void;
  /** Answer the next code exchanges with an ID token the provider issued for another client. */
  issueForOtherClient: (on: boolean) => void;
  stop: () => Promise<void>;
}

function decodedPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1. Its login prompt signs in the
 * account the test names, with no form to fill; consent is granted up front, as an organisation's
 * provider does for its own applications.
 */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  let atKeyboard = '';
  let otherAudience = false;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
      { client_id: 'another-application', client_secret: 'another-secret-for-the-test', redirect_uris: ['http://127.0.0.1/elsewhere'] },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['cookie-key-for-the-test-provider'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, IdToken: 3600, AccessToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx: KoaContext, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: KoaContext, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true, name: account.name, groups: account.groups }) } : undefined;
    },
    loadExistingGrant: async (ctx: KoaContext) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx, next) => {
    const interaction = /^\/interaction\/[^/]+$/.exec(ctx.path);
    if (ctx.method === 'GET' && interaction) {
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: atKeyboard } }, { mergeWithLastSubmission: false }));
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (otherAudience && ctx.path === '/token' && body?.id_token) {
      // Signed by this provider with its real key, but issued to another client.
      const original = decodedPayload(body.id_token);
      const other = await provider.Client.find('another-application');
      const token = new provider.IdToken({ sub: original.sub as string }, { ctx, client: other });
      token.scope = 'openid';
      token.set('nonce', original.nonce);
      body.id_token = await token.issue({ use: 'idtoken' });
    }
  });
  handler = provider.callback();

  return {
    issuer,
    accounts,
    signInAs: (subject) => (atKeyboard = subject),
    issueForOtherClient: (on) => (otherAudience = on),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
