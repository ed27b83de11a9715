import { afterRefusal, nextDeliveryStep, type DeliveryState } from '../../src/domain/notification-delivery.js';

const MAX = 3;

describe('what a send job does with a message', () => {
  it.each<[string, DeliveryState, string]>([
    ['sends a pending message', { status: 'pending', attempts: 0, stale: false }, 'send'],
    ['sends a pending message the server refused before', { status: 'pending', attempts: 2, stale: false }, 'send'],
    ['gives up a pending message out of attempts', { status: 'pending', attempts: 3, stale: true }, 'give_up'],
    ['leaves a send in progress to its worker', { status: 'sending', attempts: 1, stale: false }, 'skip'],
    ['sends again a send interrupted longer ago than the grace period', { status: 'sending', attempts: 1, stale: true }, 'send'],
    ['gives up an interrupted send at its last attempt', { status: 'sending', attempts: 3, stale: true }, 'give_up'],
    ['sends again a message an earlier version left unconfirmed', { status: 'unconfirmed', attempts: 1, stale: true }, 'send'],
    ['waits on an unconfirmed message within the grace period', { status: 'unconfirmed', attempts: 1, stale: false }, 'skip'],
    ['never sends a sent message again', { status: 'sent', attempts: 1, stale: true }, 'skip'],
    ['never revives a failed message', { status: 'failed', attempts: 3, stale: true }, 'skip'],
  ])('%s', (_, state, step) => {
    expect(nextDeliveryStep(state, MAX)).toBe(step);
  });

  it.each([
    [1, false, 'retry'],
    [2, false, 'retry'],
    [3, false, 'give_up'],
    [1, true, 'give_up'],
  ] as const)('after a refusal at attempt %i (last job attempt: %s) it will %s', (attempts, lastJobAttempt, outcome) => {
    expect(afterRefusal(attempts, MAX, lastJobAttempt)).toBe(outcome);
  });
});
