/**
 * A seeded train/test split of n rows: a uniform random permutation (Fisher–Yates with the given
 * Rng) whose first ⌊testFraction·n⌉ entries are the test rows. Both index lists are returned in
 * increasing order, so the rows keep their file order within each part.
 */
import type { Rng } from '../numerics/rng.ts';

export interface TrainTestSplit {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

export function trainTestSplit(n: number, testFraction: number, rng: Rng): TrainTestSplit {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`trainTestSplit: n must be a positive integer, got ${n}`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`trainTestSplit: testFraction must be in [0, 1), got ${testFraction}`);
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const nTest = Math.round(testFraction * n);
  return { test: perm.slice(0, nTest).sort(), train: perm.slice(nTest).sort() };
}

/** A seeded subset of `k` of the n rows (all of them when k ≥ n or k ≤ 0), in increasing order. */
export function subsampleRows(n: number, k: number, rng: Rng): Uint32Array {
  if (k <= 0 || k >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  return trainTestSplit(n, k / n, rng).test;
}
