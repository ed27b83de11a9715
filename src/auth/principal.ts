import type { Actor } from '../common/actor.js';
import type { TokenKind } from './api-token.entity.js';
import type { Role } from './roles.js';

/** The signed-in caller, resolved once per request by the auth guard. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Set for vendor users: the only vendor whose data they may see. */
  vendorId: string | null;
  tokenId: string;
  tokenKind: TokenKind;
}

export function actorOf(principal: Principal | undefined, requestId: string | null): Actor {
  return { userId: principal?.userId ?? null, role: principal?.role ?? null, requestId };
}
