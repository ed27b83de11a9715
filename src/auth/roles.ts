export enum Role {
  Admin = 'admin',
  Procurement = 'procurement',
  RiskManager = 'risk_manager',
  Auditor = 'auditor',
  Vendor = 'vendor',
}

export const ALL_ROLES = Object.values(Role);
/** Staff roles: everyone who works for the buying organisation. */
export const STAFF_ROLES = [Role.Admin, Role.Procurement, Role.RiskManager, Role.Auditor];
