/**
 * Weight-tied sign autoencoder with the best scalar decoder, A = α·B̂ᵀ (P1 spec §2.2,
 * "same limit in Gram form"), isotropic data:
 *
 *   S = Σ_{i,j} G_ij arcsin(G_ij) = nπ/2 + Σ_{i≠j} G_ij arcsin(G_ij)
 *   α* = √(2/π)·n / ((2/π)·S),      R = 1 − (n²/d)/S
 *
 * Minimising R is minimising the "frame potential" Σ_{i≠j} G_ij arcsin(G_ij); tight
 * frames give κ/(r+κ) as d → ∞, orthonormal rows give 1 − 2r/π exactly.
 */
import { Matrix } from 'ml-matrix';
import { normalizeRows } from './sign-risk.ts';

/** Risk and optimal scale α* of the tied decoder α·B̂ᵀ for encoder B (n×d). */
export function tiedGramRisk(B: Matrix): { risk: number; alpha: number } {
  const W = normalizeRows(B);
  const G = W.mmul(W.transpose());
  const n = B.rows;
  const d = B.columns;
  let S = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // diagonal exactly 1·π/2: arcsin′ diverges at 1, so a rounded G_ii would cost O(√ε)
      const g = i === j ? 1 : Math.max(-1, Math.min(1, G.get(i, j)));
      S += i === j ? Math.PI / 2 : g * Math.asin(g);
    }
  }
  return { risk: 1 - (n * n) / d / S, alpha: (Math.sqrt(2 / Math.PI) * n) / ((2 / Math.PI) * S) };
}
