import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthorized } from '../common/errors.js';
import { ACCESS, type AccessRule, type AuthenticatedRequest } from './access.decorator.js';
import { AuthService } from './auth.service.js';

/**
 * The single global guard. A route without an access rule is refused: forgetting the decorator
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
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('Send a bearer token in the Authorization header');
    const principal = await this.auth.authenticate(match[1]);
    if (!principal) throw unauthorized('The token is unknown, expired or revoked');
    request.principal = principal;
    if (!rule) throw forbidden('This route is not open to any role');
    if (rule.roles !== 'any' && !rule.roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
