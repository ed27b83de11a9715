import { readContract, routesOf } from '../support/openapi-samples.js';
import { ROLE_NAMES, ROLE_TABLE, roleDifference } from '../support/role-table.js';

// The committed contract is what the decorators produce (test/e2e/contract.spec.ts fails on drift).
const routes = routesOf(readContract());

describe('the hand-written role table against the committed contract', () => {
  it('has a row for every operation of the contract, and none for an operation it does not have', () => {
    const operations = routes.map((r) => r.operation.operationId);
    expect({ missingFromTable: operations.filter((id) => !(id in ROLE_TABLE)), unknownToContract: Object.keys(ROLE_TABLE).filter((id) => !operations.includes(id)) }).toEqual({
      missingFromTable: [],
      unknownToContract: [],
    });
  });

  it('names only the roles of the design', () => {
    const named = Object.values(ROLE_TABLE).flatMap((access) => (typeof access === 'string' ? [] : access));
    expect(named.filter((role) => !ROLE_NAMES.includes(role))).toEqual([]);
  });

  it('never lets the auditor change anything but ask for a report', () => {
    const writes = routes.filter((r) => r.method !== 'get' && r.operation['x-roles']?.includes('auditor')).map((r) => r.operation.operationId);
    expect(writes).toEqual(['requestReport']);
  });

  it.each(routes.map((r) => [r.operation.operationId, r.operation]))('gives %s the roles of the table', (_, operation) => {
    expect(roleDifference(operation as (typeof routes)[number]['operation'])).toBeNull();
  });
});
