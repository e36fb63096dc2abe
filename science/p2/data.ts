/**
 * Sparse i.i.d. data families of P2 spec §1.1: xᵢ = sᵢ Yᵢ/√p with sᵢ ~ Bern(p),
 * Y symmetric with E Y² = 1, so E xᵢ = 0 and E xᵢ² = 1 for every law and density.
 *
 * | law          | Y                     | m₁² = (E|Y|)² |
 * |--------------|-----------------------|---------------|
 * | `gauss` (BG) | N(0, 1)               | 2/π           |
 * | `rademacher` | ±1                    | 1             |
 * | `uniform`    | U[−√3, √3]            | 3/4           |
 * | `laplace`    | Laplace(0, 1/√2)      | 1/2           |
 */
import type { Rng } from '../numerics/index.ts';

/** The law of the non-zero entries. */
export type NonzeroLaw = 'gauss' | 'rademacher' | 'uniform' | 'laplace';

export const NONZERO_LAWS: readonly NonzeroLaw[] = ['gauss', 'rademacher', 'uniform', 'laplace'];

/** m₁² = (E|Y|)² of the unit-variance non-zero law (spec §1.1). */
export function m1Squared(law: NonzeroLaw): number {
  switch (law) {
    case 'gauss':
      return 2 / Math.PI;
    case 'rademacher':
      return 1;
    case 'uniform':
      return 3 / 4;
    case 'laplace':
      return 1 / 2;
  }
}

/** One draw of Y (unit variance). */
export function sampleNonzero(law: NonzeroLaw, rng: Rng): number {
  switch (law) {
    case 'gauss':
      return rng.normal();
    case 'rademacher':
      return rng.uniform() < 0.5 ? -1 : 1;
    case 'uniform':
      return Math.sqrt(3) * (2 * rng.uniform() - 1);
    case 'laplace': {
      // Exponential with mean 1/√2 and a random sign: variance 2·(1/√2)² = 1.
      const e = -Math.log(1 - rng.uniform()) / Math.SQRT2;
      return rng.uniform() < 0.5 ? -e : e;
    }
  }
}

export interface SampleSparseOptions {
  /** Law of the non-zero entries. @default 'gauss' */
  law?: NonzeroLaw;
}

/**
 * Fill `out` with i.i.d. sparse entries sᵢYᵢ/√p of density p ∈ (0, 1] and return it.
 * The mask is drawn by skipping: the run of zeros before each non-zero is geometric,
 * ⌊log U / log(1 − p)⌋ with U uniform on (0, 1], so a batch costs ≈ p·(one uniform, one log,
 * one Y) per entry instead of a uniform per entry (training samples fresh data every step).
 */
export function sampleSparse(out: Float64Array, p: number, rng: Rng, options: SampleSparseOptions = {}): Float64Array {
  const { law = 'gauss' } = options;
  if (!(p > 0 && p <= 1)) throw new RangeError(`sampleSparse: p must be in (0, 1], got ${p}`);
  const scale = 1 / Math.sqrt(p);
  if (p === 1) {
    for (let i = 0; i < out.length; i++) out[i] = sampleNonzero(law, rng);
    return out;
  }
  out.fill(0);
  const logq = Math.log1p(-p);
  const gap = () => Math.floor(Math.log(1 - rng.uniform()) / logq);
  for (let i = gap(); i < out.length; i += 1 + gap()) out[i] = scale * sampleNonzero(law, rng);
  return out;
}

