import { acceptable, findingMoveAllowed } from '../../src/domain/finding-state.js';
import { FINDING_STATUSES, type FindingStatus } from '../../src/findings/finding.entity.js';

/**
 * Every move a finding may make, as the risk team's procedure reads. Anything not listed is
 * refused; acceptance is never a status set by hand (it has its own route with a rationale).
 */
const RISK_TEAM_MOVES: [FindingStatus, FindingStatus][] = [
  ['draft', 'open'], // triaged: confirmed
  ['draft', 'dismissed'], // triaged: not a finding
  ['open', 'remediation_planned'],
  ['open', 'remediated'],
  ['open', 'closed'],
  ['open', 'dismissed'],
  ['remediation_planned', 'open'],
  ['remediation_planned', 'remediated'],
  ['remediation_planned', 'closed'],
  ['remediated', 'open'], // the retest failed
  ['remediated', 'closed'],
  ['accepted', 'open'], // the acceptance no longer holds
  ['accepted', 'closed'],
];

/** The vendor works only on its remediation: plan it, report it done. */
const VENDOR_MOVES: [FindingStatus, FindingStatus][] = [
  ['open', 'remediation_planned'],
  ['open', 'remediated'],
  ['remediation_planned', 'remediated'],
];

const pairs = FINDING_STATUSES.flatMap((from) => FINDING_STATUSES.filter((to) => to !== from).map((to) => [from, to] as [FindingStatus, FindingStatus]));
const listed = (moves: [FindingStatus, FindingStatus][], from: FindingStatus, to: FindingStatus) => moves.some(([f, t]) => f === from && t === to);

describe('finding moves by the risk team', () => {
  it.each(pairs.map(([from, to]) => [listed(RISK_TEAM_MOVES, from, to) ? 'allows' : 'refuses', from, to]))('%s %s → %s', (verdict, from, to) => {
    expect(findingMoveAllowed(from as FindingStatus, to as FindingStatus, false)).toBe(verdict === 'allows');
  });
});

describe('finding moves by the vendor', () => {
  it.each(pairs.map(([from, to]) => [listed(VENDOR_MOVES, from, to) ? 'allows' : 'refuses', from, to]))('%s %s → %s', (verdict, from, to) => {
    expect(findingMoveAllowed(from as FindingStatus, to as FindingStatus, true)).toBe(verdict === 'allows');
  });

  it('never lets the vendor triage, close, dismiss or reopen', () => {
    for (const from of FINDING_STATUSES) {
      for (const to of ['open', 'closed', 'dismissed', 'accepted', 'draft'] as const) {
        if (from !== to) expect({ from, to, allowed: findingMoveAllowed(from, to, true) }).toEqual({ from, to, allowed: false });
      }
    }
  });
});

describe('a finding that keeps its status', () => {
  it.each(FINDING_STATUSES.map((status) => [status]))('lets a %s finding be edited without a move, by either side', (status) => {
    expect(findingMoveAllowed(status, status, false)).toBe(true);
    expect(findingMoveAllowed(status, status, true)).toBe(true);
  });
});

describe('accepting the risk of a finding', () => {
  it.each<[FindingStatus, boolean]>([
    ['draft', false], // a draft is triaged first: confirmed, then accepted if need be
    ['open', true],
    ['remediation_planned', true],
    ['remediated', true],
    ['accepted', false],
    ['closed', false],
    ['dismissed', false],
  ])('a %s finding may be accepted: %s', (status, expected) => {
    expect(acceptable(status)).toBe(expected);
  });
});
