import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type ScheduleItem = Schemas['ScheduleItem'];

export const KIND_WORDS: Record<ScheduleItem['kind'], string> = {
  reassessment: 'Reassessment',
  assessment_due: 'Answers due',
  condition: 'Condition',
  remediation: 'Remediation item',
  risk_acceptance: 'Risk acceptance expires',
  evidence: 'Evidence expires',
};

/** Calendar days as YYYY-MM-DD, computed in UTC so no time zone moves a day. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function monthBounds(year: number, month: number): { from: string; to: string } {
  return { from: isoDay(new Date(Date.UTC(year, month, 1))), to: isoDay(new Date(Date.UTC(year, month + 1, 0))) };
}

/** GET /schedules for a window (the API's default window when none is given). */
export function useSchedule(window?: { from: string; to: string }) {
  return useQuery({
    queryKey: ['/api/v1/schedules', window ?? 'default'],
    queryFn: () => call(api.GET('/api/v1/schedules', { params: { query: { limit: 200, ...(window ?? {}) } } })),
  });
}

export function useOpenConditions() {
  return useQuery({ queryKey: ['/api/v1/conditions', 'open'], queryFn: () => call(api.GET('/api/v1/conditions', { params: { query: { limit: 200 } } })) });
}

/** Where an item is worked on: its assessment's review page, when it has one. */
export const itemLink = (item: ScheduleItem) => (item.assessmentId ? `/review/${item.assessmentId}` : null);
