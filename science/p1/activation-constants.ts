/**
 * Hermite constants of an activation and its "incoherent-frame" κ_σ (P1 spec §2.4, κ_σ table):
 *
 *   μ₀ = E σ(Z),  μ₁ = E[Z σ(Z)],  E σ(Z)²,   κ_σ = (E σ² − μ₀² − μ₁²) / μ₁²
 *
 * For incoherent unit rows K ≈ μ₀²11ᵀ + μ₁²G + (E σ² − μ₀² − μ₁²)I, so the heuristic limit is
 * R ≈ 1 − r/(1 + κ_σ) (r ≤ 1) and κ_σ/(r + κ_σ) (r ≥ 1); sign gives κ = π/2 − 1. For odd σ with
 * orthonormal rows (r ≤ 1) it is exact: R = 1 − r·μ₁²/E σ² (see `heuristicActivationRisk`).
 */
import { gaussianExpectation, type GaussianExpectationOptions } from './gaussian-expectation.ts';

export interface ActivationConstants {
  /** μ₀ = E σ(Z). */
  mu0: number;
  /** μ₁ = E[Z σ(Z)]. */
  mu1: number;
  /** E σ(Z)². */
  second: number;
  /** κ_σ = (E σ² − μ₀² − μ₁²)/μ₁². */
  kappa: number;
  /** 1/(1 + κ_σ): the fraction of energy recovered per unit rate for r ≤ 1. */
  linearShare: number;
}

/** The §2.4 table row of σ at unit scale, by quadrature. */
export function activationConstants(sigma: (z: number) => number, options: GaussianExpectationOptions = {}): ActivationConstants {
  const mu0 = gaussianExpectation(sigma, options);
  const mu1 = gaussianExpectation((z) => z * sigma(z), options);
  const second = gaussianExpectation((z) => sigma(z) ** 2, options);
  const kappa = (second - mu0 * mu0 - mu1 * mu1) / (mu1 * mu1);
  return { mu0, mu1, second, kappa, linearShare: 1 / (1 + kappa) };
}

/** The incoherent-frame prediction 1 − r/(1 + κ_σ) for r ≤ 1, κ_σ/(r + κ_σ) for r ≥ 1. */
export function heuristicActivationRisk(r: number, kappa: number): number {
  if (!(r >= 0) || !(kappa >= 0)) throw new RangeError(`heuristicActivationRisk: need r ≥ 0 and κ ≥ 0, got ${r}, ${kappa}`);
  return r <= 1 ? 1 - r / (1 + kappa) : kappa / (r + kappa);
}
