/**
 * The fundamental limit of a shallow sign autoencoder on isotropic Gaussian data
 * (P1 spec §2.2, checkable numbers §5 rows 1–8, 18).
 *
 *   κ = π/2 − 1 ≈ 0.5707963
 *   LB(r) = 1 − 2r/π          for r ≤ 1   (exact at every finite d; orthonormal rows)
 *   LB(r) = κ/(r + κ)         for r ≥ 1   (asymptotic, d → ∞; unit-norm tight frames)
 *
 * The branches meet at r = 1 with value 1 − 2/π (a kink: slopes −2/π and −κ/(1+κ)²).
 * r = n/d is the number of sign bits per source coordinate; the risk is the
 * per-coordinate MSE (1/d)·E‖x − A sign(Bx)‖². Paper 2 calls this R_Gauss.
 */

/** κ = π/2 − 1: the energy of sign's higher Hermite components relative to μ₁² (spec §2.1). */
export const KAPPA = Math.PI / 2 - 1;

/** LB(r), the minimum per-coordinate MSE of a sign autoencoder at rate r = n/d ≥ 0. */
export function lowerBound(r: number): number {
  if (!(r >= 0) || !Number.isFinite(r)) throw new RangeError(`lowerBound: r must be a finite number ≥ 0, got ${r}`);
  return r <= 1 ? 1 - (2 * r) / Math.PI : KAPPA / (r + KAPPA);
}

/**
 * Scale c of the optimal weight-tied decoder A* ≈ c·B̂ᵀ (spec §2.2, §5 row 18):
 * c = √(2/π) for r ≤ 1, c = √(π/2)/(r + κ) for r > 1.
 */
export function tiedDecoderScale(r: number): number {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`tiedDecoderScale: r must be a finite number > 0, got ${r}`);
  return r <= 1 ? Math.sqrt(2 / Math.PI) : Math.sqrt(Math.PI / 2) / (r + KAPPA);
}

/** Shannon's distortion-rate function of a unit-variance Gaussian source, D(r) = 2^(−2r) (spec §2.2, reference curve). */
export function shannonDistortion(r: number): number {
  return 2 ** (-2 * r);
}
