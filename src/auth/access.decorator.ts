import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { actorOf, type Principal } from './principal.js';
import type { Role } from './roles.js';

export const ACCESS = Symbol('ACCESS');

export type AccessRule = { public: true } | { public: false; roles: Role[] | 'any' };

/**
 * The one decorator for access and its documentation: the roles that may call a route
 * (none listed: any signed-in user), and the matching OpenAPI security entry.
 */
export function Authenticated(...roles: Role[]) {
  const rule: AccessRule = { public: false, roles: roles.length ? roles : 'any' };
  return applyDecorators(
    SetMetadata(ACCESS, rule),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'No valid bearer token', type: ProblemResponse }),
    ApiForbiddenResponse({
      description: roles.length ? `Only for: ${roles.join(', ')}` : 'Refused for this caller',
      type: ProblemResponse,
    }),
    ApiExtension('x-roles', roles.length ? roles : ['any']),
  );
}

/** Marks public operations in the generated document, which turns it into an empty security list. */
export const PUBLIC_EXTENSION = 'x-public';

/** A route anyone may call, without credentials. */
export const Public = () => applyDecorators(SetMetadata(ACCESS, { public: true } satisfies AccessRule), ApiExtension(PUBLIC_EXTENSION, true));

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
});

/** The caller as an audit actor, with the request id that ties log lines and events together. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return actorOf(request.principal, request.id);
});
