import { Role } from '../../src/auth/roles.js';
import { parseRoleMap, roleFromClaim } from '../../src/domain/oidc-roles.js';

const MAP = parseRoleMap('assay-risk=risk_manager,assay-buyers=procurement,assay-audit=auditor,assay-admins=admin');

describe('roles from the identity provider', () => {
  it.each([
    ['one mapped group', ['staff', 'assay-buyers'], Role.Procurement],
    ['the most privileged of several: admin over the rest', ['assay-audit', 'assay-admins', 'assay-risk'], Role.Admin],
    ['risk manager over procurement', ['assay-buyers', 'assay-risk'], Role.RiskManager],
    ['procurement over auditor', ['assay-audit', 'assay-buyers'], Role.Procurement],
    ['a single string value', 'assay-audit', Role.Auditor],
    ['a space-separated string', 'staff assay-risk', Role.RiskManager],
    ['no mapped group', ['marketing'], null],
    ['an empty list', [], null],
    ['no claim at all', undefined, null],
    ['a claim of another type', 42, null],
    ['values compared exactly (case matters)', ['ASSAY-RISK'], null],
  ])('%s', (_name, claim, expected) => {
    expect(roleFromClaim(claim, MAP)).toBe(expected);
  });

  it('reads the map, trimming spaces', () => {
    expect([...parseRoleMap(' g1 = admin ,team=risk_manager')]).toEqual([
      ['g1', Role.Admin],
      ['team', Role.RiskManager],
    ]);
    expect(parseRoleMap(undefined).size).toBe(0);
  });

  it.each([
    ['assay-vendors=vendor', 'OIDC_ROLE_MAP: "vendor" is not a staff role (admin, procurement, risk_manager, auditor)'],
    ['g=superuser', 'OIDC_ROLE_MAP: "superuser" is not a staff role (admin, procurement, risk_manager, auditor)'],
    ['just-a-group', 'OIDC_ROLE_MAP: "just-a-group" is not claim-value=role'],
    ['=admin', 'OIDC_ROLE_MAP: "=admin" is not claim-value=role'],
    ['g=admin,g=auditor', 'OIDC_ROLE_MAP: "g" is mapped twice'],
  ])('refuses %s', (text, message) => {
    expect(() => parseRoleMap(text)).toThrow(message);
  });
});
