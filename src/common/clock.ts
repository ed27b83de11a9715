import { Injectable } from '@nestjs/common';

/** The time as schedules see it; tests put another in its place to move time without sleeping. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
