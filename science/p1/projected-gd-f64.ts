/**
 * Projected GD on R*(B) (P1 spec §3.2(a)) in float64 with ml-matrix, for small problems:
 * the small-d brute-force minima (spec §5) and as the reference for the tfjs `projectedGd`.
 * Same update as there, with an exact Cholesky solve per step (n³/3, fine for n ≲ 50):
 *
 *   M = arcsin(G), Y = M⁻¹Ŵ, P = YYᵀ, D_ij = 1/√(1 − G_ij²) (i ≠ j), ∇L = −2(Y − (D∘P)Ŵ),
 *   g_i ← g_i − (g_iᵀŵ_i)ŵ_i,  ŵ_i ← normalise(ŵ_i − η g_i).      (isotropic data)
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { arcsinGram, normalizeRows } from './sign-risk.ts';

export interface ProjectedGdF64Options {
  /** Number of GD steps. */
  iterations: number;
  /** Step on L = d·R*. @default 0.1 */
  eta?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal. @default 1e-12 */
  clip?: number;
}

/** Final unit rows Ŵ (n×d) after `iterations` projected GD steps from B0. */
export function projectedGdF64(B0: Matrix, options: ProjectedGdF64Options): Matrix {
  const { iterations, eta = 0.1, clip = 1e-12 } = options;
  const n = B0.rows;
  const d = B0.columns;
  let W = normalizeRows(B0);
  for (let t = 0; t < iterations; t++) {
    const G = W.mmul(W.transpose());
    const M = arcsinGram(G);
    const ch = new CholeskyDecomposition(M);
    if (!ch.isPositiveDefinite()) throw new RangeError(`projectedGdF64: arcsin(G) lost definiteness at step ${t}`);
    const Y = ch.solve(W);
    const P = Y.mmul(Y.transpose());
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const g = Math.min(1 - clip, Math.abs(G.get(i, j)));
        P.set(i, j, i === j ? 0 : P.get(i, j) / Math.sqrt(1 - g * g));
      }
    }
    const grad = Y.sub(P.mmul(W)).mul(-2);
    const next = new Matrix(n, d);
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += grad.get(i, j) * W.get(i, j);
      for (let j = 0; j < d; j++) next.set(i, j, W.get(i, j) - eta * (grad.get(i, j) - dot * W.get(i, j)));
    }
    W = normalizeRows(next);
  }
  return W;
}
