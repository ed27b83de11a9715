import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
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

/**
 * What a vendor may see of one kind of record, said once for both ways of reading it: as SQL for
 * lists and as a predicate for a record already loaded. Both must say the same thing.
 */
export interface VendorVisibility<T> {
  /** The column holding the record's vendor id. */
  vendorColumn: string;
  /** Further SQL conditions on the record (columns without alias), all of which must hold. */
  conditions: string[];
  /** The same rule for a loaded record. */
  visible: (record: T) => boolean;
  vendorId: (record: T) => string;
}

/** True when the principal may read the record: staff always, a vendor only its own visible ones. */
export function mayVendorRead<T>(principal: Principal, record: T, visibility: VendorVisibility<T>): boolean {
  if (principal.role !== Role.Vendor) return true;
  return principal.vendorId !== null && principal.vendorId === visibility.vendorId(record) && visibility.visible(record);
}

/**
 * Narrows a query to what the principal may see. Every vendor-visible list goes through here. The
 * rule is one bracketed group, so no later condition (an `OR` in a filter, say) can widen it.
 */
export function scopeToVendor<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, principal: Principal, visibility: VendorVisibility<T>): SelectQueryBuilder<T> {
  if (principal.role !== Role.Vendor) return query;
  const alias = query.alias;
  return query.andWhere(
    new Brackets((scope) => {
      if (!principal.vendorId) {
        scope.where('FALSE');
        return;
      }
      scope.where(`${alias}.${visibility.vendorColumn} = :scopeVendorId`, { scopeVendorId: principal.vendorId });
      for (const condition of visibility.conditions) scope.andWhere(condition.replace(/\{\}/g, alias));
    }),
  );
}
