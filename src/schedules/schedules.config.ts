import { ConfigError } from '../config/config.js';
import { DEFAULT_REASSESSMENT_LEAD_DAYS } from '../domain/schedule.js';

/** How often the sweep runs and how early a scheduled reassessment opens; read once at boot. */
export interface SchedulesConfig {
  sweepIntervalSeconds: number;
  /** How often every worker makes sure the sweep is scheduled: Redis may have lost it. */
  sweepEnsureSeconds: number;
  reassessmentLeadDays: number;
}

export const SCHEDULES_CONFIG = Symbol('SCHEDULES_CONFIG');

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function loadSchedulesConfig(env: Record<string, string | undefined> = process.env): SchedulesConfig {
  return {
    sweepIntervalSeconds: whole(env, 'SWEEP_INTERVAL_SECONDS', 300, 10, 86_400),
    sweepEnsureSeconds: whole(env, 'SWEEP_ENSURE_SECONDS', 60, 1, 3600),
    reassessmentLeadDays: whole(env, 'REASSESSMENT_LEAD_DAYS', DEFAULT_REASSESSMENT_LEAD_DAYS, 0, 365),
  };
}
