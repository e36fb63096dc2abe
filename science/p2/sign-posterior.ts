/**
 * Posterior of u ~ N(m, τ) given z = sign(u) ∈ {±1} (P2 spec §2.6, z-side denoiser η_u).
 * With a = zm/√τ and λ = φ(a)/Φ(a) (numerically safe, via erfcx in `phiOverPhi`):
 *
 *   mean = m + z√τ λ,     var = τ (1 − aλ − λ²).
 *
 * For a → −∞, λ ≈ −a − 1/a and the variance tends to 0 without cancellation
 * trouble beyond double rounding; it is clamped at 0.
 */
import { phiOverPhi } from '../numerics/index.ts';
import type { PosteriorMoments } from './bg-posterior.ts';

/** Posterior mean and variance of u ~ N(m, τ) given sign(u) = z (spec §2.6, N3). */
export function signPosterior(z: number, m: number, tau: number): PosteriorMoments {
  const st = Math.sqrt(tau);
  const a = (z * m) / st;
  const lam = phiOverPhi(a);
  return { mean: m + z * st * lam, var: Math.max(tau * (1 - a * lam - lam * lam), 0) };
}
