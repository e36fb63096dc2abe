/**
 * The Gram-dependent matrices shared by P1's population-GD loops (spec §3.2 (a), (b), (c)), fp32
 * on the compute layer, for unit rows Ŵ (row-major n×d):
 *
 *   G = ŴŴᵀ,  Gc = G off the diagonal clipped to |G_ij| ≤ 1 − clip (0 on it),
 *   M = arcsin(Gc) + (π/2)·I          (the diagonal exactly π/2: arcsin′ diverges at 1, and in
 *                                      fp32 G_ii = 1 − 6e-8 would cost 3e-4)
 *
 * D = arcsin′(Gc) off the diagonal (0 on it) is never formed: `compute.arcsinPrimeScale(P, Gc, n)`
 * applies D ∘ P in place.
 */
import type { Compute } from '../numerics/compute.ts';

/** G = ŴŴᵀ, Gc (clipped, zero diagonal) and M = arcsin(Gc) + (π/2)I into the n×n arrays given. */
export function signGram(compute: Compute, W: Float32Array, n: number, d: number, clip: number, G: Float32Array, Gc: Float32Array, M: Float32Array): void {
  compute.sgemm(false, true, n, n, d, 1, W, W, 0, G);
  compute.clipGram(G, Gc, n, clip);
  compute.asin(Gc, M);
  for (let i = 0; i < n; i++) M[i * (n + 1)] = Math.PI / 2;
}

/** Scale each row of the fp32 row-major n×d W to unit norm, in place (fp64 sums); returns the old norms (`normalizeRows` is the float64 Matrix version). */
export function normalizeRowsF32(W: Float32Array, n: number, d: number): Float64Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += W[i * d + j]! ** 2;
    norms[i] = Math.sqrt(s);
    const inv = 1 / norms[i]!;
    for (let j = 0; j < d; j++) W[i * d + j]! *= inv;
  }
  return norms;
}
