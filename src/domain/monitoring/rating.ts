import type { Direction } from './metric-catalogue.js';

export const RATINGS = ['green', 'amber', 'red'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * Two limits per metric. A value that reaches a limit keeps the better colour, in both directions:
 * for `higher_is_better` green needs value >= green and amber needs value >= amber; for
 * `lower_is_better` green needs value <= green and amber needs value <= amber. So a limit reads
 * as "what must still be met", the way a service level or the four-fifths rule is written.
 */
export interface Thresholds {
  green: number;
  amber: number;
}

/** Null when the limits are in the order the direction needs (equal limits leave no amber band). */
export function thresholdProblem(direction: Direction, t: Thresholds): string | null {
  if (!Number.isFinite(t.green) || !Number.isFinite(t.amber)) return 'thresholds must be finite numbers';
  if (direction === 'higher_is_better' && t.green < t.amber) return 'for higher_is_better the green threshold must be at least the amber one';
  if (direction === 'lower_is_better' && t.green > t.amber) return 'for lower_is_better the green threshold must be at most the amber one';
  return null;
}

export interface RatedValue {
  rating: Rating;
  /** The reason in words, naming the value and the limits it was held against. */
  reasoning: string;
}

const fmt = (value: number) => String(Number(value.toPrecision(12)));

export function rateValue(label: string, value: number, direction: Direction, t: Thresholds): RatedValue {
  const higher = direction === 'higher_is_better';
  const meets = (limit: number) => (higher ? value >= limit : value <= limit);
  const [atLeast, below] = higher ? ['at or above', 'below'] : ['at or below', 'above'];
  const v = fmt(value);
  if (meets(t.green)) return { rating: 'green', reasoning: `${label} ${v} is ${atLeast} the green threshold ${fmt(t.green)}: green` };
  if (meets(t.amber)) {
    return { rating: 'amber', reasoning: `${label} ${v} is ${below} the green threshold ${fmt(t.green)} but ${atLeast} the amber threshold ${fmt(t.amber)}: amber` };
  }
  return { rating: 'red', reasoning: `${label} ${v} is ${below} the amber threshold ${fmt(t.amber)}: red` };
}

const ORDER: Record<Rating, number> = { green: 0, amber: 1, red: 2 };

export function worstRating(ratings: Rating[]): Rating | null {
  return ratings.reduce<Rating | null>((worst, r) => (worst === null || ORDER[r] > ORDER[worst] ? r : worst), null);
}
