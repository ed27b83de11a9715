import { TIERS, type Tier } from '../tiering.js';

export interface ValidationThresholds {
  adverseImpact: { ratioBelow: number; highWhenPBelow: number };
  psi: { medium: number; high: number };
  aucShortfall: { medium: number; high: number; claimQuestionIds: string[] };
  generative: { defaultLimit: number; limits: Record<string, number> };
}

export interface ThresholdFile {
  defaults: ValidationThresholds;
  tiers: Partial<Record<Tier, DeepPartial<ValidationThresholds>>>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** Checks a parsed thresholds file; every problem is listed with its path. */
export function checkThresholdFile(input: unknown): { file: ThresholdFile | null; problems: string[] } {
  const problems: string[] = [];
  const raw = asObject(input, 'thresholds', problems);
  const defaults = checkSection(raw.defaults, 'defaults', problems, false) as ValidationThresholds;
  const tiers = asObject(raw.tiers ?? {}, 'tiers', problems);
  for (const [tier, section] of Object.entries(tiers)) {
    if (!(TIERS as readonly string[]).includes(tier)) problems.push(`tiers.${tier}: not a tier (${TIERS.join(', ')})`);
    else checkSection(section, `tiers.${tier}`, problems, true);
  }
  for (const key of Object.keys(raw)) if (key !== 'defaults' && key !== 'tiers') problems.push(`${key}: not a thresholds field`);
  return problems.length ? { file: null, problems } : { file: { defaults, tiers: tiers as ThresholdFile['tiers'] }, problems };
}

const SHAPE: Record<string, string[]> = {
  adverseImpact: ['ratioBelow', 'highWhenPBelow'],
  psi: ['medium', 'high'],
  aucShortfall: ['medium', 'high', 'claimQuestionIds'],
  generative: ['defaultLimit', 'limits'],
};

function checkSection(input: unknown, path: string, problems: string[], partial: boolean): unknown {
  const section = asObject(input, path, problems);
  for (const key of Object.keys(section)) if (!SHAPE[key]) problems.push(`${path}.${key}: not a thresholds field`);
  for (const [group, fields] of Object.entries(SHAPE)) {
    if (section[group] === undefined && partial) continue;
    const values = asObject(section[group], `${path}.${group}`, problems);
    for (const key of Object.keys(values)) if (!fields.includes(key)) problems.push(`${path}.${group}.${key}: not a thresholds field`);
    for (const field of fields) {
      if (values[field] === undefined && partial) continue;
      checkValue(values[field], `${path}.${group}.${field}`, problems);
    }
  }
  return section;
}

function checkValue(value: unknown, path: string, problems: string[]): void {
  if (path.endsWith('claimQuestionIds')) {
    if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) problems.push(`${path}: must be a list of question ids`);
  } else if (path.endsWith('limits')) {
    const limits = asObject(value, path, problems);
    for (const [category, limit] of Object.entries(limits)) if (!isRate(limit)) problems.push(`${path}.${category}: must be a number from 0 to 1`);
  } else if (!isRate(value)) {
    problems.push(`${path}: must be a number from 0 to 1`);
  }
}

const isRate = (value: unknown): boolean => typeof value === 'number' && value >= 0 && value <= 1;

function asObject(value: unknown, path: string, problems: string[]): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${path}: must be a mapping`);
  return {};
}

/** The thresholds for a tier: the defaults with the tier's overrides laid over them. */
export function thresholdsFor(file: ThresholdFile, tier: Tier | null): ValidationThresholds {
  const override = (tier && file.tiers[tier]) || {};
  const d = file.defaults;
  return {
    adverseImpact: { ...d.adverseImpact, ...override.adverseImpact },
    psi: { ...d.psi, ...override.psi },
    aucShortfall: { ...d.aucShortfall, ...override.aucShortfall } as ValidationThresholds['aucShortfall'],
    generative: { defaultLimit: override.generative?.defaultLimit ?? d.generative.defaultLimit, limits: { ...d.generative.limits, ...override.generative?.limits } as Record<string, number> },
  };
}
