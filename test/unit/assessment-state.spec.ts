import { ASSESSMENT_STATES, isOpen, nextState, type AssessmentEvent, type AssessmentState } from '../../src/domain/assessment-state.js';

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
