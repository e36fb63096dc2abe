/**
 * Orthonormalization by Cholesky-QR on row-major Float64Arrays, and Haar-random
 * frames built with it — several times faster than a Householder QR through
 * ml-matrix at d ~ 1000 (measured 7.7 s for `haarFrame(500, 1000)`). The Gram
 * product, Cholesky and triangular solve run on the compute layer (`linalg()`).
 *
 * For G (n×d, n ≤ d) of full row rank: GGᵀ = LLᵀ (Cholesky) and Q = L⁻¹G has
 * orthonormal rows. Q is the Gram–Schmidt orthonormalization of the rows of G, i.e.
 * the Q of G = LQ with diag(L) > 0; for Gaussian G it is Haar-distributed on the
 * Stiefel manifold (Mezzadri 2007). Loss of orthogonality is ~ ε·cond(G)², ~1e-9
 * for a square Gaussian G at d = 1000; `passes: 2` (CholQR2) brings it to ~ε.
 */
import { linalg } from './compute.ts';
import type { Rng } from './rng.ts';

export interface OrthonormalizeRowsOptions {
  /** Cholesky-QR passes (2 = CholQR2, orthogonal to machine precision). @default 1 */
  passes?: number;
}

/** Q = L⁻¹G with orthonormal rows, for row-major G (n×d, n ≤ d). Returns a new array. */
export function orthonormalizeRows(G: Float64Array, n: number, d: number, options: OrthonormalizeRowsOptions = {}): Float64Array {
  const { passes = 1 } = options;
  if (G.length !== n * d) throw new RangeError(`orthonormalizeRows: expected ${n}×${d} values, got ${G.length}`);
  if (n > d) throw new RangeError(`orthonormalizeRows: needs n ≤ d, got ${n} > ${d}`);
  let Q = G;
  for (let pass = 0; pass < passes; pass++) Q = cholQrPass(Q, n, d);
  return Q;
}

function cholQrPass(G: Float64Array, n: number, d: number): Float64Array {
  const la = linalg();
  const S = new Float64Array(n * n);
  la.dgemm(false, true, n, n, d, 1, G, G, 0, S); // S = GGᵀ
  let L: Float64Array;
  try {
    L = la.cholesky(S, n);
  } catch (e) {
    const pivot = /leading minor (\d+)/.exec(String(e))?.[1];
    throw new RangeError(`orthonormalizeRows: rows are linearly dependent (pivot ${pivot ? Number(pivot) - 1 : '?'})`);
  }
  const Q = Float64Array.from(G);
  la.solveTriangular(L, n, Q, d, { lower: true }); // Q = L⁻¹G
  return Q;
}

/** Row-major transpose of an r×c array. */
function transpose(A: Float64Array, r: number, c: number): Float64Array {
  const T = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j * r + i] = A[i * c + j]!;
  return T;
}

/**
 * A Haar-random n×d frame as a row-major Float64Array (same law as `haarFrame`):
 * n ≤ d: orthonormal rows (BBᵀ = I); n > d: BᵀB = (n/d) I (unit-average row norm).
 */
export function haarFrameRows(n: number, d: number, rng: Rng, options: OrthonormalizeRowsOptions = {}): Float64Array {
  if (n <= d) return orthonormalizeRows(rng.fillNormal(new Float64Array(n * d)), n, d, options);
  const Qt = orthonormalizeRows(rng.fillNormal(new Float64Array(d * n)), d, n, options);
  const B = transpose(Qt, d, n);
  const s = Math.sqrt(n / d);
  for (let i = 0; i < B.length; i++) B[i]! *= s;
  return B;
}
