/**
 * The effective scalar Gaussian channel after the optimal linear decoder
 * (P2 spec §2.5), and R_Gauss (spec §2.2) = paper 1's LB(r).
 *
 * Each coordinate of y = Az is asymptotically y = μx + σw, w ~ N(0, 1):
 *
 *   r ≤ 1 (orthonormal rows, A = √(2/π)Bᵀ):      μ = 2r/π,       σ² = μ(1 − μ),   snr = μ/(1 − μ)
 *   r > 1 (tight frame, A = √(π/2)Bᵀ/(r + c)):  μ = r/(r + c),  σ² = cr/(r + c)², snr = r/c
 *
 * with c = π/2 − 1. The linear MMSE 1/(1 + snr) equals R_Gauss(r).
 */
import { KAPPA, lowerBound } from '../p1/index.ts';

/** R_Gauss(r): the Gaussian benchmark of P2 §2.2, which is paper 1's LB(r). */
export const rGauss = lowerBound;

export interface EffectiveChannel {
  /** Signal gain μ. */
  mu: number;
  /** Noise variance σ². */
  sigma2: number;
  /** μ²/σ². */
  snr: number;
}

/** The channel y = μx + σw seen by the shallow denoiser at rate r > 0 (spec §2.5 table). */
export function effectiveChannel(r: number): EffectiveChannel {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`effectiveChannel: r must be a finite number > 0, got ${r}`);
  if (r <= 1) {
    const mu = (2 * r) / Math.PI;
    return { mu, sigma2: mu * (1 - mu), snr: mu / (1 - mu) };
  }
  const mu = r / (r + KAPPA);
  return { mu, sigma2: (KAPPA * r) / (r + KAPPA) ** 2, snr: r / KAPPA };
}

/** Linear-decoder scale a, A = a·Bᵀ (spec §2.2): √(2/π) for r ≤ 1, √(π/2)/(r + c) for r > 1. */
export { tiedDecoderScale as linearDecoderScale } from '../p1/index.ts';
