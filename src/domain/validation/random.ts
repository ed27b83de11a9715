/**
 * mulberry32: a small seeded generator, so that the same sample and seed give the same
 * bootstrap intervals on every machine. Returns uniform numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, bound). */
export const randomIndex = (random: () => number, bound: number): number => Math.floor(random() * bound);
