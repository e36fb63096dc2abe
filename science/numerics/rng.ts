/**
 * Seeded random numbers: Mersenne Twister (MT19937, stdlib) with Box–Muller normals.
 *
 * Every random quantity in the science comes from an `Rng` passed in as an
 * argument, so results depend only on the seed (never on hidden global state).
 */
import mt19937 from '@stdlib/random-base-mt19937';
import boxMuller from '@stdlib/random-base-box-muller';

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Fill `out` with i.i.d. N(0, 1) and return it. */
  fillNormal(out: Float64Array): Float64Array;
  /** Uniform integer in {0, …, n−1}. */
  int(n: number): number;
  /** The PRNG algorithm, recorded with results. */
  readonly algorithm: 'mt19937+box-muller';
}

/** A generator seeded with a 32-bit unsigned integer. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  // stdlib rejects seed 0 for MT19937; map it to a fixed non-zero value.
  const s = seed === 0 ? 5489 : seed;
  const u = mt19937.factory({ seed: s });
  // `normalized` (53-bit uniform on [0, 1)) exists at run time but is missing from stdlib's types.
  const uniform = (u as unknown as { normalized: () => number }).normalized;
  // Normals are drawn from the same uniform stream, so uniforms and normals of one Rng are
  // independent draws (two generators seeded alike would give correlated streams).
  const n = boxMuller.factory({ prng: uniform });
  return {
    uniform,
    normal: () => n(),
    fillNormal(out) {
      for (let i = 0; i < out.length; i++) out[i] = n();
      return out;
    },
    int: (k) => Math.floor(uniform() * k),
    algorithm: 'mt19937+box-muller',
  };
}
