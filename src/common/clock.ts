import { Injectable } from '@nestjs/common';

/** The time as schedules see it; tests put another in its place to move time without sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /** The calendar day (UTC, YYYY-MM-DD) that business dates are reckoned from. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
