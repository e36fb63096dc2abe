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
import type { Rng, SparseLaw } from '../numerics/index.ts';

/** The law of the non-zero entries. */
export type NonzeroLaw = Exclude<SparseLaw, 'mask'>;

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

export interface SampleSparseOptions {
  /** Law of the non-zero entries. @default 'gauss' */
  law?: NonzeroLaw;
}

/**
 * Fill `out` with i.i.d. sparse entries sᵢYᵢ/√p of density p ∈ (0, 1] and return it.
 * The mask is drawn by geometric runs of zeros for small p and by one 32-bit word per entry for
 * p ≥ 0.25 (science/numerics/mt19937.ts `mtSparse`); Gaussian non-zeros are stdlib's improved
 * ziggurat (3 words and no transcendental for 97 % of draws). Training samples fresh data every
 * step. Runs in the addon when it is loaded (`Rng.fillSparse`), straight into fp32 or fp64, with
 * the same values as JS.
 */
export function sampleSparse<T extends Float32Array | Float64Array>(out: T, p: number, rng: Rng, options: SampleSparseOptions = {}): T {
  const { law = 'gauss' } = options;
  if (!(p > 0 && p <= 1)) throw new RangeError(`sampleSparse: p must be in (0, 1], got ${p}`);
  return rng.fillSparse(out, p, law);
}
