import { Clock } from '../../src/common/clock.js';
import { addDays, isoDate } from '../../src/domain/schedule.js';
import type { TestApp } from './test-app.js';

export interface TestClock {
  /** Midday UTC of `day`, so the calendar day is the same in every time zone the code might use. */
  setDay: (day: string) => void;
  advanceDays: (days: number) => void;
  today: () => string;
  restore: () => void;
}

/** Puts the application's one Clock under the test's control: time moves without sleeping. */
export function controlClock(t: TestApp, startDay?: string): TestClock {
  const clock = t.app.get(Clock);
  const system = clock.now.bind(clock);
  let now = startDay ? new Date(`${startDay}T12:00:00Z`) : system();
  clock.now = () => new Date(now);
  return {
    setDay: (day) => (now = new Date(`${day}T12:00:00Z`)),
    advanceDays: (days) => (now = new Date(`${addDays(isoDate(now), days)}T12:00:00Z`)),
    today: () => isoDate(now),
    restore: () => (clock.now = system),
  };
}
