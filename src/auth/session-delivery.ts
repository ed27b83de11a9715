import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.js';
import { UserResponse } from '../users/dto/user.dto.js';
import type { IssuedToken } from './auth.service.js';
import { isSecureOrigin, setSessionCookies, wantsCookieSession } from './browser-session.js';
import type { SessionResponse } from './dto/auth.dto.js';

/** Documents the header a browser sends to get its session as cookies. */
export const OffersCookieSession = () =>
  applyDecorators(
    ApiHeader({
      name: 'X-Session',
      required: false,
      enum: ['cookie'],
      description: '`cookie`: set an HttpOnly session cookie and a readable `assay_csrf` cookie instead of returning the token',
    }),
  );

/** A new session as the caller asked for it: a token in the body, or cookies a script cannot read. */
export function deliverSession(request: FastifyRequest, reply: FastifyReply, session: IssuedToken, config: AppConfig): SessionResponse {
  const body = { expiresAt: session.expiresAt, user: UserResponse.of(session.user) };
  if (!wantsCookieSession(request)) return { token: session.token, ...body };
  setSessionCookies(reply, session.token, config.sessionTtlHours * 3600, isSecureOrigin(config.publicUrl));
  return body;
}
