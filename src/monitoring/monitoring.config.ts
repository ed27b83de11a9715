import { ConfigError } from '../config/config.js';
import { DEFAULT_COLOUR_POLICY, type ColourPolicy } from '../domain/monitoring/colour-actions.js';
import { isTimeZone } from '../domain/monitoring/zoned-time.js';

/** What monitoring results and incidents do; read once at boot. */
export interface MonitoringConfig {
  colourPolicy: ColourPolicy;
  /** A red on a fairness or performance metric of a high or critical tier reassesses (MONITORING_RED_REASSESS). */
  reassessOnRed: boolean;
  /** A severe incident or a personal-data breach reassesses (INCIDENT_REASSESS). */
  reassessOnIncident: boolean;
  /** The zone in which "days" and "months" of the incident clocks are counted (INCIDENT_TIME_ZONE). */
  incidentTimeZone: string;
}

export const MONITORING_CONFIG = Symbol('MONITORING_CONFIG');

function flag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

export function loadMonitoringConfig(env: Record<string, string | undefined> = process.env): MonitoringConfig {
  const zone = env.INCIDENT_TIME_ZONE?.trim() || 'Europe/Brussels';
  if (!isTimeZone(zone)) throw new ConfigError(`INCIDENT_TIME_ZONE must be an IANA time zone such as Europe/Brussels or UTC, got "${zone}"`);
  const amberRuns = env.MONITORING_AMBERS_FOR_FINDING?.trim();
  if (amberRuns && !/^[1-9]$/.test(amberRuns)) throw new ConfigError(`MONITORING_AMBERS_FOR_FINDING must be a whole number from 1 to 9, got "${amberRuns}"`);
  return {
    colourPolicy: { ...DEFAULT_COLOUR_POLICY, consecutiveAmbersForFinding: amberRuns ? Number(amberRuns) : DEFAULT_COLOUR_POLICY.consecutiveAmbersForFinding },
    reassessOnRed: flag(env, 'MONITORING_RED_REASSESS', true),
    reassessOnIncident: flag(env, 'INCIDENT_REASSESS', true),
    incidentTimeZone: zone,
  };
}
