import { integer, type Env } from '../config/config.js';

/** When a build counts as stalled, and how many builds a report gets; read once at boot. */
export interface ReportsConfig {
  /** A build with no sign of life for this long lost its worker and is queued again. */
  stallSeconds: number;
  /** Builds started (interrupted or failed) before the report is given up as failed. */
  maxBuilds: number;
}

export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');

export function loadReportsConfig(env: Env = process.env): ReportsConfig {
  return {
    stallSeconds: integer(env, 'REPORT_STALL_SECONDS', 600, 5, 86_400),
    maxBuilds: integer(env, 'REPORT_MAX_BUILDS', 3, 1, 20),
  };
}
