import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthorized } from '../common/errors.js';
import { ACCESS, type AccessRule, type AuthenticatedRequest } from './access.decorator.js';
import { AuthService } from './auth.service.js';
import { checkCsrf, credentialOf } from './browser-session.js';

/**
 * The single global guard: a bearer token, or a browser's session cookie (whose writes need the
 * CSRF header). A route without an access rule is refused: forgetting the decorator
 * closes a route rather than opening it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule?.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credential = credentialOf(request);
    if (!credential) throw unauthorized('Send a bearer token in the Authorization header, or sign in');
    const principal = await this.auth.authenticate(credential.token);
    if (!principal) throw unauthorized(credential.kind === 'cookie' ? 'Your session has ended; sign in again' : 'The token is unknown, expired or revoked');
    checkCsrf(request, credential);
    request.principal = principal;
    if (!rule) throw forbidden('This route is not open to any role');
    if (rule.roles !== 'any' && !rule.roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
