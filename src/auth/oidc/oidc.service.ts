import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as openid from 'openid-client';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors.js';
import { UnitOfWork, type Work } from '../../database/unit-of-work.js';
import { claimValues, roleFromClaim } from '../../domain/oidc-roles.js';
import { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { AuthService, type IssuedToken } from '../auth.service.js';
import { Role } from '../roles.js';
import { sha256Hex } from '../token-secret.js';
import { IdentityProvider } from './identity-provider.js';
import { OidcSignInEntity } from './oidc-sign-in.entity.js';
import { OidcRefusal, refusalOfTokenError } from './oidc-refusal.js';

/** Long enough to type a password and answer a second factor at the provider. */
const SIGN_IN_TTL_MS = 10 * 60_000;

export interface StartedSignIn {
  authorizationUrl: URL;
  /** Goes into the browser's sign-in cookie; only its hash is stored. */
  browserSecret: string;
}

type SignInInFlight = Pick<OidcSignInEntity, 'nonce' | 'codeVerifier' | 'nextPath' | 'browserHash' | 'expiresAt'>;

interface Identity {
  email: string;
  name: string;
  role: Role;
}

/** Only a path of this site: `//evil.example` and `/\evil.example` are other sites to a browser. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !/^\/(?![/\\])/.test(next) || /[\u0000-\u001f\\]/.test(next)) return '/';
  return next;
}

@Injectable()
export class OidcService {
  private readonly logger = new Logger('oidc');

  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly provider: IdentityProvider,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async start(next: unknown, redirectUri: string): Promise<StartedSignIn> {
    const settings = this.provider.settings;
    const client = await this.provider.client();
    const state = openid.randomState();
    const nonce = openid.randomNonce();
    const codeVerifier = openid.randomPKCECodeVerifier();
    const browserSecret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    // Bookkeeping of a sign-in in flight, not product data: no audit event.
    const signIns = this.db.getRepository(OidcSignInEntity);
    await signIns.delete({ expiresAt: LessThan(now) });
    await signIns.insert({
      stateHash: sha256Hex(state),
      browserHash: sha256Hex(browserSecret),
      nonce,
      codeVerifier,
      nextPath: safeNextPath(next),
      expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
    });
    const authorizationUrl = openid.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl, browserSecret };
  }

  /** The provider's answer, checked; then the user it names, provisioned or updated, with a new session. */
  async finish(callbackUrl: URL, browserSecret: string | undefined, requestId: string): Promise<{ session: IssuedToken; nextPath: string }> {
    const signIn = await this.takeSignIn(callbackUrl.searchParams.get('state'), browserSecret);
    const claims = await this.verifiedClaims(callbackUrl, signIn);
    const identity = this.identityOf(claims);
    const session = await this.uow.run({ userId: null, role: 'system', requestId }, (work) => this.signInUser(work, identity));
    return { session, nextPath: signIn.nextPath };
  }

  /** Deleting the row is what makes a state single use: two callbacks racing cannot both get it. */
  private async takeSignIn(state: string | null, browserSecret: string | undefined): Promise<SignInInFlight> {
    if (!state) throw new OidcRefusal('oidc_state', 'the callback carries no state');
    // TypeORM answers a DELETE with [rows, count].
    const [rows]: [SignInInFlight[], number] = await this.db.query(
      `DELETE FROM oidc_sign_ins WHERE state_hash = $1
       RETURNING nonce, code_verifier AS "codeVerifier", next_path AS "nextPath", browser_hash AS "browserHash", expires_at AS "expiresAt"`,
      [sha256Hex(state)],
    );
    const signIn = rows[0];
    if (!signIn) throw new OidcRefusal('oidc_state', 'the state is unknown or was used already');
    if (signIn.expiresAt.getTime() <= this.clock.now().getTime()) throw new OidcRefusal('oidc_state', 'the sign-in took too long');
    if (!browserSecret || sha256Hex(browserSecret) !== signIn.browserHash) throw new OidcRefusal('oidc_state', 'the sign-in was started in another browser');
    return signIn;
  }

  private async verifiedClaims(callbackUrl: URL, signIn: SignInInFlight): Promise<Record<string, unknown>> {
    const client = await this.provider.client().catch(() => {
      throw new OidcRefusal('oidc_unavailable', 'the provider cannot be reached');
    });
    let tokens: Awaited<ReturnType<typeof openid.authorizationCodeGrant>>;
    try {
      tokens = await openid.authorizationCodeGrant(client, callbackUrl, {
        pkceCodeVerifier: signIn.codeVerifier,
        expectedState: callbackUrl.searchParams.get('state') ?? undefined,
        expectedNonce: signIn.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw refusalOfTokenError(error);
    }
    const claims: Record<string, unknown> = { ...tokens.claims() };
    if (this.hasIdentity(claims) || !client.serverMetadata().userinfo_endpoint) return claims;
    // Many providers put e-mail and groups in the userinfo answer rather than the ID token.
    try {
      const userInfo = await openid.fetchUserInfo(client, tokens.access_token, String(claims.sub));
      return { ...userInfo, ...claims, ...pick(userInfo, ['email', 'email_verified', 'name', this.provider.settings.roleClaim]) };
    } catch (error) {
      throw refusalOfTokenError(error);
    }
  }

  private hasIdentity(claims: Record<string, unknown>): boolean {
    return typeof claims.email === 'string' && claimValues(claims[this.provider.settings.roleClaim]).length > 0;
  }

  private identityOf(claims: Record<string, unknown>): Identity {
    const { roleClaim, roleMap } = this.provider.settings;
    if (typeof claims.email !== 'string' || !claims.email.includes('@')) throw new OidcRefusal('oidc_no_email', 'the provider sent no e-mail address');
    if (claims.email_verified === false) throw new OidcRefusal('oidc_no_email', 'the provider says the e-mail address is not verified');
    const email = claims.email.trim().toLowerCase();
    const role = roleFromClaim(claims[roleClaim], roleMap);
    if (!role) throw new OidcRefusal('oidc_no_role', `${email}: no value of the ${roleClaim} claim is mapped to an Assay role`);
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    return { email, name, role };
  }

  private async signInUser(work: Work, identity: Identity): Promise<IssuedToken> {
    const existing = await work.manager.findOne(UserEntity, { where: { email: identity.email }, lock: { mode: 'pessimistic_write' } });
    if (existing?.role === Role.Vendor) throw new OidcRefusal('oidc_vendor_account', `${identity.email} is a vendor account`);
    if (existing?.disabledAt) throw new OidcRefusal('oidc_disabled', `${identity.email} is deactivated`);
    const user = existing
      ? await this.users.applyIdentityProviderProfile(work, existing, identity).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'last_admin') throw new OidcRefusal('oidc_last_admin', `${identity.email} is the last active admin`);
          throw error;
        })
      : await this.users.insertUser(work, { ...identity, passwordHash: null });
    if (!existing) this.logger.log({ userId: user.id, role: user.role }, 'user provisioned by single sign-on');
    return this.auth.issueSession(work, user, 'oidc');
  }
}

function pick(source: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
}
