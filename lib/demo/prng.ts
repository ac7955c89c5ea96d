/**
 * A small seeded PRNG (mulberry32) with the few distributions the demo city needs. Every agency gets
 * its own stream derived from (seed, agency index), so the streaming generator and the whole-city
 * generator produce the same numbers regardless of how many agencies precede or follow.
 */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes several integers into one 32-bit seed (so sub-streams of one seed do not overlap). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Poisson count; normal approximation for large means keeps big agencies cheap. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > l) {
    k++;
    p *= rng();
  }
  return k;
}

export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng() < p) k++;
    return k;
  }
  const mean = n * p;
  const sd = Math.sqrt(mean * (1 - p));
  return Math.min(n, Math.max(0, Math.round(mean + sd * normal(rng))));
}

/** Splits n into categories with the given (unnormalised) weights; the parts always add up to n. */
export function multinomial(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out = new Array<number>(weights.length).fill(0);
  if (n <= 0) return out;
  let sum = 0;
  for (const w of weights) sum += w;
  if (n <= 40) {
    // one draw per application: exact and cheap for the small counts most agencies have
    for (let i = 0; i < n; i++) {
      let r = rng() * sum;
      let j = 0;
      while (j < weights.length - 1 && r >= weights[j]) r -= weights[j++];
      out[j]++;
    }
    return out;
  }
  let left = n;
  let rest = sum;
  for (let j = 0; j < weights.length - 1 && left > 0; j++) {
    const k = binomial(rng, left, rest > 0 ? weights[j] / rest : 0);
    out[j] = k;
    left -= k;
    rest -= weights[j];
  }
  out[weights.length - 1] += left;
  return out;
}
