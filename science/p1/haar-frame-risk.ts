/**
 * Exact risk of a Haar-random unit-norm tight frame (P1 spec §2.2, §4B E6, §5 "Haar tight
 * frame"): the first d columns of a Haar n×n orthogonal matrix (n > d), rows renormalised.
 * Its R*(B) converges to κ/(r + κ) with a gap O(1/d) from the higher Hadamard powers of G;
 * for n ≤ d the rows are orthonormal and R* = 1 − 2r/π exactly. The frame is drawn by
 * Cholesky-QR (`haarFrameRows`, same law as `haarFrame`) and R* evaluated with flat loops
 * (`optimalRiskFlat`): E6 reaches n = 1600, d = 400.
 */
import { haarFrameRows } from '../numerics/cholesky-qr.ts';
import type { Rng } from '../numerics/rng.ts';
import { optimalRiskFlat } from './optimal-risk-flat.ts';

/** R*(B) for a Haar tight frame with n rows in dimension d. */
export function haarFrameRisk(n: number, d: number, rng: Rng): number {
  if (!(Number.isInteger(n) && Number.isInteger(d) && n > 0 && d > 0)) throw new RangeError(`n and d must be positive integers, got n=${n}, d=${d}`);
  return optimalRiskFlat(haarFrameRows(n, d, rng, { passes: 2 }), n, d);
}
