import { Inject, Injectable } from '@nestjs/common';
import * as openid from 'openid-client';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import type { OidcConfig } from '../../config/oidc-config.js';

const DISCOVERY_TIMEOUT_SECONDS = 10;

export const providerUnavailable = () =>
  new DomainError(503, 'oidc_unavailable', "The organisation's sign-in service cannot be reached; try again shortly or ask IT whether it is down");

export const oidcOff = () => new DomainError(404, 'oidc_not_configured', 'Single sign-on is not set up on this Assay');

/**
 * The organisation's OpenID Connect provider. Its metadata is discovered at first use, not at
 * boot, so Assay starts (and vendors sign in) while the provider is down; a failed discovery is
 * tried again on the next sign-in.
 */
@Injectable()
export class IdentityProvider {
  private server?: Promise<openid.ServerMetadata>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get settings(): OidcConfig {
    if (!this.config.oidc) throw oidcOff();
    return this.config.oidc;
  }

  /** A client configuration whose idea of "now" is the application's clock (ID token expiry is checked against it). */
  async client(): Promise<openid.Configuration> {
    const settings = this.settings;
    const server = await this.metadata(settings);
    const skewSeconds = Math.round((this.clock.now().getTime() - Date.now()) / 1000);
    const auth = settings.clientSecret ? openid.ClientSecretBasic(settings.clientSecret) : openid.None();
    const client = new openid.Configuration(server, settings.clientId, { [openid.clockSkew]: skewSeconds }, auth);
    client.timeout = DISCOVERY_TIMEOUT_SECONDS;
    if (isPlainHttp(settings)) openid.allowInsecureRequests(client);
    return client;
  }

  private async metadata(settings: OidcConfig): Promise<openid.ServerMetadata> {
    this.server ??= openid
      .discovery(new URL(settings.issuer), settings.clientId, undefined, undefined, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        execute: isPlainHttp(settings) ? [openid.allowInsecureRequests] : [],
      })
      .then((configuration) => configuration.serverMetadata());
    try {
      return await this.server;
    } catch {
      this.server = undefined;
      throw providerUnavailable();
    }
  }
}

/** Configuration allows plain HTTP only for a provider on this machine. */
const isPlainHttp = (settings: OidcConfig) => settings.issuer.startsWith('http:');
