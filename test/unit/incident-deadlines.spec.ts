import { deadlineNoticeAt, incidentDeadlines, type Deadline, type IncidentClassification } from '../../src/domain/monitoring/incident-deadlines.js';
import { addCalendarDays, addCalendarMonths, instantOf, zoneOffsetMinutes } from '../../src/domain/monitoring/zoned-time.js';

const BRUSSELS = 'Europe/Brussels';
const at = (iso: string) => new Date(iso);
const NONE: IncidentClassification = { majorIct: false, seriousIncident: null, personalDataBreach: false };
const due = (deadlines: Deadline[]) => deadlines.map((d) => `${d.regime}.${d.stage} ${d.dueAt.toISOString()}`);

// In 2026 Brussels moves to summer time at 01:00 UTC on 29 March and back at 01:00 UTC on 25 October.
describe('wall-clock arithmetic in a time zone', () => {
  it.each([
    ['2026-03-29T00:59:00Z', 60],
    ['2026-03-29T01:00:00Z', 120],
    ['2026-10-25T00:59:00Z', 120],
    ['2026-10-25T01:00:00Z', 60],
  ])('Brussels is ahead of UTC at %s by %i minutes', (instant, minutes) => {
    expect(zoneOffsetMinutes(at(instant), BRUSSELS)).toBe(minutes);
  });

  it.each([
    ['a winter time', { year: 2026, month: 1, day: 15, hour: 0, minute: 30 }, '2026-01-14T23:30:00.000Z'],
    ['a summer time', { year: 2026, month: 7, day: 1, hour: 0, minute: 0 }, '2026-06-30T22:00:00.000Z'],
    ['02:30 that the spring change skips, moved an hour on', { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, '2026-03-29T01:30:00.000Z'],
    ['02:30 that the autumn change repeats, the first one', { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, '2026-10-25T00:30:00.000Z'],
  ])('finds the instant of %s', (_, wall, expected) => {
    expect(instantOf({ ...wall, second: 0, millisecond: 0 }, BRUSSELS).toISOString()).toBe(expected);
  });

  it('keeps the wall-clock time when days cross a clock change, unlike 24-hour steps', () => {
    // 10:00 CET on 20 March; 15 days later is 10:00 CEST on 4 April, 08:00 UTC (not 09:00).
    expect(addCalendarDays(at('2026-03-20T09:00:00Z'), 15, BRUSSELS).toISOString()).toBe('2026-04-04T08:00:00.000Z');
    expect(addCalendarDays(at('2026-03-20T09:00:00Z'), 15, 'UTC').toISOString()).toBe('2026-04-04T09:00:00.000Z');
  });

  it('ends a month on the last day the next month has', () => {
    expect(addCalendarMonths(at('2026-01-31T10:00:00Z'), 1, BRUSSELS).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addCalendarMonths(at('2028-01-31T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addCalendarMonths(at('2026-12-15T23:30:00Z'), 1, BRUSSELS).toISOString()).toBe('2027-01-15T23:30:00.000Z');
  });
});

describe('the deployer’s incident deadlines', () => {
  it('gives a major ICT incident classified soon after detection its initial notification 4 hours after classification', () => {
    // Aware 23:30 local on 28 March, classified 01:15 local (00:15 UTC) on the night the clocks go forward.
    const deadlines = incidentDeadlines({ ...NONE, majorIct: true }, { awareAt: at('2026-03-28T22:30:00Z'), classifiedAt: at('2026-03-29T00:15:00Z'), zone: BRUSSELS, notified: {} });
    expect(due(deadlines)).toEqual([
      'dora.initial 2026-03-29T04:15:00.000Z',
      'dora.intermediate 2026-04-01T04:15:00.000Z',
      // 06:15 CEST on 1 April, one month on: 06:15 CEST on 1 May.
      'dora.final 2026-05-01T04:15:00.000Z',
    ]);
  });

  it('caps the initial notification at 24 hours after becoming aware when classification comes late', () => {
    const deadlines = incidentDeadlines({ ...NONE, majorIct: true }, { awareAt: at('2026-06-01T23:00:00Z'), classifiedAt: at('2026-06-02T21:00:00Z'), zone: BRUSSELS, notified: {} });
    expect(due(deadlines)).toEqual([
      'dora.initial 2026-06-02T23:00:00.000Z',
      'dora.intermediate 2026-06-05T23:00:00.000Z',
      // 01:00 CEST on 6 June is 23:00 UTC on 5 June; a month on is 01:00 CEST on 6 July.
      'dora.final 2026-07-05T23:00:00.000Z',
    ]);
  });

  it('counts the intermediate report from the initial notification actually made', () => {
    const deadlines = incidentDeadlines({ ...NONE, majorIct: true }, { awareAt: at('2026-06-01T23:00:00Z'), classifiedAt: at('2026-06-02T18:00:00Z'), zone: 'UTC', notified: { 'dora.initial': at('2026-06-02T20:00:00Z') } });
    expect(due(deadlines).slice(1)).toEqual(['dora.intermediate 2026-06-05T20:00:00.000Z', 'dora.final 2026-07-05T20:00:00.000Z']);
    expect(deadlines[0].notifiedAt?.toISOString()).toBe('2026-06-02T20:00:00.000Z');
  });

  it.each([
    ['standard', '2026-03-20T09:00:00Z', '2026-04-04T08:00:00.000Z'],
    // 00:30 CEST on 21 October; ten days on is 00:30 CET on 31 October.
    ['death', '2026-10-20T22:30:00Z', '2026-10-30T23:30:00.000Z'],
    // 01:30 CEST on 25 October; two days on is 01:30 CET on 27 October.
    ['widespread_or_critical_infrastructure', '2026-10-24T23:30:00Z', '2026-10-27T00:30:00.000Z'],
  ] as const)('gives an Article 73 serious incident (%s) aware at %s until %s', (kind, aware, expected) => {
    const deadlines = incidentDeadlines({ ...NONE, seriousIncident: kind }, { awareAt: at(aware), classifiedAt: at(aware), zone: BRUSSELS, notified: {} });
    expect(due(deadlines)).toEqual([`eu_ai_act.report ${expected}`]);
  });

  it('gives a personal-data breach exactly 72 hours, across the autumn clock change', () => {
    const deadlines = incidentDeadlines({ ...NONE, personalDataBreach: true }, { awareAt: at('2026-10-24T23:30:00Z'), classifiedAt: at('2026-10-26T08:00:00Z'), zone: BRUSSELS, notified: {} });
    expect(due(deadlines)).toEqual(['gdpr.report 2026-10-27T23:30:00.000Z']);
  });

  it('lists every regime a classification brings, earliest first', () => {
    const deadlines = incidentDeadlines({ majorIct: true, seriousIncident: 'death', personalDataBreach: true }, { awareAt: at('2026-05-10T00:00:00Z'), classifiedAt: at('2026-05-10T02:00:00Z'), zone: 'UTC', notified: {} });
    expect(due(deadlines)).toEqual([
      'dora.initial 2026-05-10T06:00:00.000Z',
      'gdpr.report 2026-05-13T00:00:00.000Z',
      'dora.intermediate 2026-05-13T06:00:00.000Z',
      'eu_ai_act.report 2026-05-20T00:00:00.000Z',
      'dora.final 2026-06-13T06:00:00.000Z',
    ]);
    expect(incidentDeadlines(NONE, { awareAt: at('2026-05-10T00:00:00Z'), classifiedAt: at('2026-05-10T02:00:00Z'), zone: 'UTC', notified: {} })).toEqual([]);
  });

  it.each([
    ['more than a day before', '2026-05-10T11:59:59Z', null],
    ['exactly a day before', '2026-05-10T12:00:00Z', 'T-24h'],
    ['two hours before', '2026-05-11T10:00:00Z', 'T-2h'],
    ['at the deadline', '2026-05-11T12:00:00Z', 'overdue'],
    ['after it', '2026-05-12T00:00:00Z', 'overdue'],
  ])('reminds %s', (_, now, stage) => {
    const deadline: Deadline = { regime: 'gdpr', stage: 'report', dueAt: at('2026-05-11T12:00:00Z'), rule: '', notifiedAt: null };
    expect(deadlineNoticeAt(deadline, at(now))?.name ?? null).toBe(stage);
    expect(deadlineNoticeAt({ ...deadline, notifiedAt: at('2026-05-11T09:00:00Z') }, at(now))).toBeNull();
  });
});
