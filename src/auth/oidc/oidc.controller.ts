import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemResponse } from '../../common/problem.dto.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Public } from '../access.decorator.js';
import { isSecureOrigin, readCookie, setSessionCookies } from '../browser-session.js';
import { OidcService } from './oidc.service.js';
import { AuthMethodsResponse, OidcLoginQuery } from './oidc.dto.js';
import { OidcRefusal } from './oidc-refusal.js';

/** Ties the callback to the browser that started the sign-in. */
const SIGN_IN_COOKIE = 'assay_oidc';
/** Lax, not Strict: the provider's redirect back is a cross-site navigation, and Strict cookies are not sent on it. */
function signInCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${SIGN_IN_COOKIE}=${value}`, 'Path=/api/v1/auth/oidc', `Max-Age=${maxAgeSeconds}`, 'SameSite=Lax', 'HttpOnly'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

@ApiTags('auth')
@Controller()
export class OidcController {
  private readonly logger = new Logger('oidc');

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The callback address registered at the provider. */
  private get redirectUri(): string {
    return `${this.config.publicUrl}/api/v1/auth/oidc/callback`;
  }

  @Get('auth/methods')
  @Public()
  @ApiOperation({ summary: 'How people may sign in: single sign-on for staff, and who may use a password' })
  @ApiOkResponse({ type: AuthMethodsResponse })
  getAuthMethods(): AuthMethodsResponse {
    return { oidc: this.config.oidc !== undefined, localLogin: this.config.localLogin };
  }

  @Get('auth/oidc/login')
  @Public()
  @ApiOperation({ summary: "Start a staff sign-in with the organisation's account: redirects to its sign-in page" })
  @ApiFoundResponse({ description: "To the provider's authorization endpoint (authorization code flow with PKCE)" })
  @ApiNotFoundResponse({ description: 'Single sign-on is not set up', type: ProblemResponse })
  @ApiServiceUnavailableResponse({ description: "The organisation's sign-in service cannot be reached", type: ProblemResponse })
  async startOidcLogin(@Query() query: OidcLoginQuery, @Res() reply: FastifyReply): Promise<void> {
    const started = await this.oidc.start(query.next, this.redirectUri);
    void reply.header('set-cookie', signInCookie(started.browserSecret, 600, isSecureOrigin(this.config.publicUrl)));
    await reply.redirect(started.authorizationUrl.href, 302);
  }

  @Get('auth/oidc/callback')
  @Public()
  @ApiOperation({ summary: "Finish a staff sign-in: the organisation's provider sends the browser back here" })
  @ApiFoundResponse({ description: 'Signed in (session cookies set): to the page asked for. Refused: to `/sign-in?error=<code>`' })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'iss', required: false })
  @ApiQuery({ name: 'error', required: false })
  // Read from the raw URL, not a validated DTO: providers add parameters of their own (scope, session_state, authuser).
  async finishOidcLogin(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const secure = isSecureOrigin(this.config.publicUrl);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    void reply.header('set-cookie', signInCookie('', 0, secure));
    try {
      const { session, nextPath } = await this.oidc.finish(new URL(this.redirectUri + query), readCookie(request, SIGN_IN_COOKIE), request.id);
      setSessionCookies(reply, session.token, this.config.sessionTtlHours * 3600, secure);
      await reply.redirect(nextPath, 302);
    } catch (error) {
      if (!(error instanceof OidcRefusal)) throw error;
      this.logger.warn({ code: error.code, reason: error.message }, 'single sign-on refused');
      await reply.redirect(`/sign-in?error=${error.code}`, 302);
    }
  }
}
