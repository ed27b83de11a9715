import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { UserResponse } from '../users/dto/user.dto.js';
import { Authenticated, CurrentActor, CurrentPrincipal, Public } from './access.decorator.js';
import { AuthService } from './auth.service.js';
import { LoginRequest, SessionResponse } from './dto/auth.dto.js';
import type { Principal } from './principal.js';
import { UsersService } from '../users/users.service.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail or wrong password (the same answer for both)', type: ProblemResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts', type: ProblemResponse })
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    const session = await this.auth.login(body.email, body.password, request.ip, request.id);
    return { token: session.token, expiresAt: session.expiresAt, user: UserResponse.of(session.user) };
  }

  @Post('auth/logout')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token used for this request no longer works' })
  async logout(@CurrentPrincipal() principal: Principal, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(principal, actor);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: UserResponse })
  async getMe(@CurrentPrincipal() principal: Principal): Promise<UserResponse> {
    return UserResponse.of(await this.users.get(principal.userId));
  }
}
