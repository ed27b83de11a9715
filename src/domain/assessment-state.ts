/**
 * The assessment lifecycle as a pure state machine. Every change of state goes through
 * `transition`, so an illegal move is refused the same way everywhere (409 with the state).
 */
export const ASSESSMENT_STATES = [
  'draft',
  'sent',
  'in_progress',
  'submitted',
  'in_review',
  'clarification_requested',
  'approved',
  'approved_with_conditions',
  'rejected',
  'cancelled',
] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export const DECISION_OUTCOMES = ['approved', 'approved_with_conditions', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export type AssessmentEvent =
  | 'send'
  | 'start_answering'
  | 'submit'
  | 'start_review'
  | 'request_clarification'
  | DecisionOutcome
  | 'cancel';

const CLOSED: readonly AssessmentState[] = ['approved', 'approved_with_conditions', 'rejected', 'cancelled'];

const TRANSITIONS: Record<Exclude<AssessmentEvent, 'cancel'>, Partial<Record<AssessmentState, AssessmentState>>> = {
  send: { draft: 'sent' },
  start_answering: { sent: 'in_progress', clarification_requested: 'in_progress' },
  submit: { in_progress: 'submitted' },
  start_review: { submitted: 'in_review' },
  request_clarification: { in_review: 'clarification_requested' },
  approved: { in_review: 'approved' },
  approved_with_conditions: { in_review: 'approved_with_conditions' },
  rejected: { in_review: 'rejected' },
};

export function isOpen(state: AssessmentState): boolean {
  return !CLOSED.includes(state);
}

/** The state after `event`, or null when the event is not allowed in `state`. */
export function nextState(state: AssessmentState, event: AssessmentEvent): AssessmentState | null {
  if (event === 'cancel') return isOpen(state) ? 'cancelled' : null;
  return TRANSITIONS[event][state] ?? null;
}

/** States in which the vendor may edit answers (subject to clarification reopening). */
export function vendorMayAnswer(state: AssessmentState): boolean {
  return state === 'sent' || state === 'in_progress' || state === 'clarification_requested';
}

/** States in which invitations may be (re)sent: before any answers are locked for review. */
export function mayInvite(state: AssessmentState): boolean {
  return state === 'draft' || vendorMayAnswer(state);
}

/** A vendor sees an assessment once it has been sent, never a draft. */
export function visibleToVendor(state: AssessmentState, sentAt: Date | null): boolean {
  return state !== 'draft' && sentAt !== null;
}
