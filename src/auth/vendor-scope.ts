import { notFound } from '../common/errors.js';
import type { Principal } from './principal.js';
import { Role } from './roles.js';

/**
 * A vendor user sees only its own vendor's records. Anything else is "not found", never
 * "forbidden", so a vendor cannot even learn that another vendor's id exists.
 */
export function assertVendorScope(principal: Principal, vendorId: string, what: string): void {
  if (principal.role === Role.Vendor && principal.vendorId !== vendorId) throw notFound(what);
}
