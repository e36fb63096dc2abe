/**
 * Haar-distributed orthogonal matrices and tight frames.
 *
 * Q from the QR of an n×n standard Gaussian matrix with diag(R) > 0 is Haar on
 * O(n) (Mezzadri 2007). The first m rows of a Haar Q (m ≤ n) are a Haar-random
 * m×n matrix with orthonormal rows; for m > n, an m×n matrix with orthonormal
 * columns scaled by √(m/n) has rows forming a unit-norm-on-average tight frame
 * (BᵀB = (m/n) I).
 */
import { Matrix, qrPositive } from './linalg.ts';
import type { Rng } from './rng.ts';

/** A Gaussian matrix with i.i.d. N(0,1) entries. */
export function gaussianMatrix(rows: number, cols: number, rng: Rng): Matrix {
  const M = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.set(i, j, rng.normal());
  return M;
}

/** A Haar-random n×n orthogonal matrix. */
export function haarOrthogonal(n: number, rng: Rng): Matrix {
  return qrPositive(gaussianMatrix(n, n, rng)).Q;
}

/**
 * A Haar-random m×n tight frame with unit-average row norm:
 * m ≤ n: orthonormal rows (BBᵀ = I); m > n: BᵀB = (m/n) I.
 */
export function haarFrame(m: number, n: number, rng: Rng): Matrix {
  if (m <= n) return haarOrthogonal(n, rng).subMatrix(0, m - 1, 0, n - 1);
  const Q = qrPositive(gaussianMatrix(m, n, rng)).Q.subMatrix(0, m - 1, 0, n - 1);
  return Q.mul(Math.sqrt(m / n));
}
