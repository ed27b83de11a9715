import {
  addDays,
  daysBetween,
  escalationDue,
  expiryOn,
  obligationNoticeOn,
  reassessmentDue,
  reassessmentDueDate,
  reassessmentOpensOn,
  reviewNudgeOn,
  vendorReminderOn,
} from '../../src/domain/schedule.js';

const DUE = '2031-03-15';
const SENT_LONG_AGO = '2031-01-10';
const day = (offset: number) => addDays(DUE, offset);

describe('calendar arithmetic', () => {
  it.each([
    ['2031-03-15', 1, '2031-03-16'],
    ['2031-02-28', 1, '2031-03-01'],
    ['2032-02-28', 1, '2032-02-29'],
    ['2031-12-31', 1, '2032-01-01'],
    ['2031-03-01', -1, '2031-02-28'],
    ['2031-03-30', 0, '2031-03-30'],
  ])('adds to %s %i days: %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2031-03-15', '2031-03-22', 7],
    ['2031-03-22', '2031-03-15', -7],
    ['2031-03-29', '2031-03-31', 2],
    ['2031-10-25', '2031-10-27', 2],
  ])('counts from %s to %s: %i days, whatever the clocks do', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('which vendor reminder is due on a day', () => {
  const table: [number, string | null][] = [
    [-30, null],
    [-8, null],
    [-7, 'T-7'],
    [-6, 'T-7'],
    [-3, 'T-7'],
    [-2, 'T-2'],
    [-1, 'T-2'],
    [0, 'T0'],
    [1, 'T0'],
    [2, 'T0'],
    [3, 'T+3'],
    [5, 'T+3'],
    [6, 'T+6'],
    [9, 'T+9'],
    [10, 'T+9'],
    [30, 'T+30'],
  ];

  it.each(table)('%i days from the due date: %s', (offset, expected) => {
    expect(vendorReminderOn(DUE, day(offset), SENT_LONG_AGO)?.name ?? null).toBe(expected);
  });

  it('gives each stage its first day, so a sweep every day sends T-7, T-2, T0, then every 3 days', () => {
    const firstDays = new Map<string, number>();
    for (let offset = -8; offset <= 10; offset++) {
      const stage = vendorReminderOn(DUE, day(offset), SENT_LONG_AGO);
      if (stage && !firstDays.has(stage.name)) firstDays.set(stage.name, offset);
    }
    expect([...firstDays]).toEqual([
      ['T-7', -7],
      ['T-2', -2],
      ['T0', 0],
      ['T+3', 3],
      ['T+6', 6],
      ['T+9', 9],
    ]);
  });

  it.each([
    ['the invitation went out on the T-7 day itself', day(-7), day(-7), null],
    ['the invitation went out 5 days before the due date', day(-5), day(-4), null],
    ['the invitation went out 5 days before, and T-2 comes', day(-5), day(-2), 'T-2'],
    ['the invitation went out the day before T-2', day(-3), day(-2), 'T-2'],
    ['the invitation went out after the due date', day(4), day(5), null],
    ['and the next overdue stage still comes', day(4), day(6), 'T+6'],
  ])('skips a stage that began before the invitation: %s', (_, sentOn, today, expected) => {
    expect(vendorReminderOn(DUE, today, sentOn)?.name ?? null).toBe(expected);
  });
});

describe('escalation and reviewer nudges', () => {
  it.each([
    [0, false],
    [6, false],
    [7, true],
    [30, true],
  ])('escalates %i days overdue: %s', (offset, expected) => {
    expect(escalationDue(DUE, day(offset))).toBe(expected);
  });

  it.each([
    [0, null],
    [4, null],
    [5, 'D+5'],
    [9, 'D+5'],
    [10, 'D+10'],
    [16, 'D+15'],
  ])('nudges reviewers %i days after submission: %s', (waited, expected) => {
    expect(reviewNudgeOn(DUE, day(waited))?.name ?? null).toBe(expected);
  });
});

describe('conditions and remediation items', () => {
  it.each([
    [-8, null],
    [-7, 'due'],
    [-1, 'due'],
    [0, 'due'],
    [1, 'overdue+1'],
    [7, 'overdue+1'],
    [8, 'overdue+8'],
    [15, 'overdue+15'],
  ])('%i days from the due date: %s', (offset, expected) => {
    expect(obligationNoticeOn(DUE, day(offset))?.name ?? null).toBe(expected);
  });
});

describe('expiry of risk acceptances and evidence', () => {
  it.each([
    [31, 'valid'],
    [30, 'expiring'],
    [1, 'expiring'],
    [0, 'expiring'],
    [-1, 'expired'],
  ])('with %i days left: %s', (left, expected) => {
    expect(expiryOn(addDays(DUE, left), DUE)).toBe(expected);
  });
});

describe('scheduled reassessment', () => {
  const validUntil = '2031-06-30';

  it.each([
    [45, '2031-05-16'],
    [60, '2031-05-01'],
    [0, validUntil],
  ])('opens %i days before the approval ends: %s', (lead, expected) => {
    expect(reassessmentOpensOn(validUntil, lead)).toBe(expected);
  });

  it.each([
    ['2031-05-15', false],
    ['2031-05-16', true],
    ['2031-07-01', true],
  ])('with a 45-day lead, on %s it is due: %s', (today, expected) => {
    expect(reassessmentDue(validUntil, today, 45)).toBe(expected);
  });

  it.each([
    ['the approval ends after 30 days from now', '2031-05-16', validUntil, validUntil],
    ['the approval ends sooner than 30 days from now', '2031-06-20', validUntil, '2031-07-20'],
    ['the approval has already ended', '2031-07-10', validUntil, '2031-08-09'],
    ['an event with no approval date', '2031-05-16', null, '2031-06-15'],
  ])('is due when %s', (_, today, until, expected) => {
    expect(reassessmentDueDate(today, until)).toBe(expected);
  });
});
