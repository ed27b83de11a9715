import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { UserResponse } from '../users/dto/user.dto.js';
import { Authenticated, CurrentActor, CurrentPrincipal, Public } from './access.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthService } from './auth.service.js';
import { clearSessionCookies, isSecureOrigin } from './browser-session.js';
import { LoginRequest, SessionResponse } from './dto/auth.dto.js';
import type { Principal } from './principal.js';
import { UsersService } from '../users/users.service.js';
import { deliverSession, OffersCookieSession } from './session-delivery.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/login')
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail or wrong password (the same answer for both)', type: ProblemResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts', type: ProblemResponse })
  @ApiForbiddenResponse({ description: '`local_login_disabled`: with LOCAL_LOGIN=vendors-only, staff other than admins sign in through single sign-on', type: ProblemResponse })
  @OffersCookieSession()
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const session = await this.auth.login(body.email, body.password, request.ip, request.id);
    return deliverSession(request, reply, session, this.config);
  }

  @Post('auth/logout')
  @ApiOperation({ summary: 'Sign out' })
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token (or session cookie) used for this request no longer works; the cookies are cleared' })
  async logout(@CurrentPrincipal() principal: Principal, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(principal, actor);
    clearSessionCookies(reply, isSecureOrigin(this.config.publicUrl));
  }

  @Get('me')
  @ApiOperation({ summary: 'Read the signed-in user' })
  @Authenticated()
  @ApiOkResponse({ type: UserResponse })
  async getMe(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(principal.userId));
  }
}
