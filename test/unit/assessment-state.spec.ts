import { ASSESSMENT_STATES, isOpen, mayInvite, nextState, vendorMayAnswer, visibleToVendor, type AssessmentEvent, type AssessmentState } from '../../src/domain/assessment-state.js';

const allowed: [AssessmentState, AssessmentEvent, AssessmentState][] = [
  ['draft', 'send', 'sent'],
  ['sent', 'start_answering', 'in_progress'],
  ['clarification_requested', 'start_answering', 'in_progress'],
  ['in_progress', 'submit', 'submitted'],
  ['submitted', 'start_review', 'in_review'],
  ['in_review', 'request_clarification', 'clarification_requested'],
  ['in_review', 'approved', 'approved'],
  ['in_review', 'approved_with_conditions', 'approved_with_conditions'],
  ['in_review', 'rejected', 'rejected'],
  ['draft', 'cancel', 'cancelled'],
  ['sent', 'cancel', 'cancelled'],
  ['in_progress', 'cancel', 'cancelled'],
  ['submitted', 'cancel', 'cancelled'],
  ['in_review', 'cancel', 'cancelled'],
  ['clarification_requested', 'cancel', 'cancelled'],
];

const events: AssessmentEvent[] = ['send', 'start_answering', 'submit', 'start_review', 'request_clarification', 'approved', 'approved_with_conditions', 'rejected', 'cancel'];

describe('assessment state machine', () => {
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  it('refuses every other move', () => {
    for (const state of ASSESSMENT_STATES) {
      for (const event of events) {
        const expected = allowed.find(([from, e]) => from === state && e === event)?.[2] ?? null;
        expect({ state, event, next: nextState(state, event) }).toEqual({ state, event, next: expected });
      }
    }
  });

  it('never changes a decided or cancelled assessment again', () => {
    for (const state of ['approved', 'approved_with_conditions', 'rejected', 'cancelled'] as const) {
      expect(isOpen(state)).toBe(false);
      for (const event of events) expect(nextState(state, event)).toBeNull();
    }
  });

  it('cannot submit without answering or decide without review', () => {
    expect(nextState('sent', 'submit')).toBeNull();
    expect(nextState('submitted', 'approved')).toBeNull();
    expect(nextState('clarification_requested', 'submit')).toBeNull();
  });
});

/** What each state lets people do, one row per state, written out from the design. */
const BY_STATE: [AssessmentState, { open: boolean; vendorAnswers: boolean; invite: boolean; vendorSees: boolean }][] = [
  ['draft', { open: true, vendorAnswers: false, invite: true, vendorSees: false }],
  ['sent', { open: true, vendorAnswers: true, invite: true, vendorSees: true }],
  ['in_progress', { open: true, vendorAnswers: true, invite: true, vendorSees: true }],
  ['submitted', { open: true, vendorAnswers: false, invite: false, vendorSees: true }],
  ['in_review', { open: true, vendorAnswers: false, invite: false, vendorSees: true }],
  ['clarification_requested', { open: true, vendorAnswers: true, invite: true, vendorSees: true }],
  ['approved', { open: false, vendorAnswers: false, invite: false, vendorSees: true }],
  ['approved_with_conditions', { open: false, vendorAnswers: false, invite: false, vendorSees: true }],
  ['rejected', { open: false, vendorAnswers: false, invite: false, vendorSees: true }],
  ['cancelled', { open: false, vendorAnswers: false, invite: false, vendorSees: true }],
];

const SENT_AT = new Date(Date.UTC(2026, 4, 4, 9, 30));

describe('what each assessment state allows', () => {
  it('has a row for every state', () => {
    expect(BY_STATE.map(([state]) => state).sort()).toEqual([...ASSESSMENT_STATES].sort());
  });

  it.each(BY_STATE)('%s: open, vendor answers, invitations, vendor sees it — %j', (state, expected) => {
    expect({
      open: isOpen(state),
      vendorAnswers: vendorMayAnswer(state),
      invite: mayInvite(state),
      vendorSees: visibleToVendor(state, SENT_AT),
    }).toEqual(expected);
  });

  it('lets the vendor answer again while a clarification is requested', () => {
    expect(vendorMayAnswer('clarification_requested')).toBe(true);
  });

  it.each([...ASSESSMENT_STATES])('hides a %s assessment that was never sent from the vendor', (state) => {
    expect(visibleToVendor(state, null)).toBe(false);
  });

  it('sends only from draft, and cancels only what is open', () => {
    expect(ASSESSMENT_STATES.filter((state) => nextState(state, 'send') !== null)).toEqual(['draft']);
    expect(ASSESSMENT_STATES.filter((state) => nextState(state, 'cancel') !== null)).toEqual(BY_STATE.filter(([, row]) => row.open).map(([state]) => state));
  });
});
