/**
 * Risk at Gaussian initialisation with the optimal decoder, d → ∞ (P1 spec §3.2, §5 row 19):
 *
 *   R_init(r) = 1 − ∫ rλ/(rλ + κ) dμ_MP(λ; c = 1/r)
 *
 * Why: for B_ij ~ N(0, 1/d) the Gram entries are incoherent, so arcsin(G) ≈ G + κI and
 * R*(B) ≈ (κ/d)·Σ_i 1/(λ_i(B̂ᵀB̂) + κ); the spectrum of B̂ᵀB̂ ≈ BᵀB is r times a
 * Marchenko–Pastur law with aspect ratio c = d/n = 1/r (atom 1 − r at 0 when r < 1).
 */
import { marchenkoPasturIntegral } from '../numerics/marchenko-pastur.ts';
import { KAPPA } from './lower-bound.ts';

export interface GaussianInitRiskOptions {
  /** Quadrature nodes for the Marchenko–Pastur integral. @default 2000 */
  nodes?: number;
}

export function gaussianInitRisk(r: number, options: GaussianInitRiskOptions = {}): number {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`gaussianInitRisk: r must be a finite number > 0, got ${r}`);
  return 1 - marchenkoPasturIntegral((l) => (r * l) / (r * l + KAPPA), 1 / r, options);
}
