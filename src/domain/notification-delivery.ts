/**
 * What a send job does with a message, given what the database says about it. A send that started
 * and never finished (the worker died) is sent again once the grace period is over: the receiver
 * can drop a duplicate by its Message-ID, but nobody can recover a lost invitation.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unconfirmed';
export type DeliveryStep = 'send' | 'skip' | 'give_up';

export interface DeliveryState {
  status: DeliveryStatus;
  /** Sends started so far. */
  attempts: number;
  /** The last send started longer ago than the grace period. */
  stale: boolean;
}

export function nextDeliveryStep(message: DeliveryState, maxAttempts: number): DeliveryStep {
  switch (message.status) {
    case 'pending':
      return message.attempts >= maxAttempts ? 'give_up' : 'send';
    case 'sending':
    case 'unconfirmed':
      // Within the grace period another worker may still be talking to the server.
      if (!message.stale) return 'skip';
      return message.attempts >= maxAttempts ? 'give_up' : 'send';
    default:
      return 'skip';
  }
}

/** After the server refused a send: try again later, unless this was the last attempt either side allows. */
export function afterRefusal(attempts: number, maxAttempts: number, lastJobAttempt: boolean): 'retry' | 'give_up' {
  return lastJobAttempt || attempts >= maxAttempts ? 'give_up' : 'retry';
}
