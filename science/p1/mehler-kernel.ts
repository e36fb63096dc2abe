/**
 * Mehler (Hermite) series of an activation kernel (P1 spec §2.4; used for tanh, which has no
 * closed form):
 *
 *   E[σ(u) σ(v)] = Σ_{k≥0} μ_k² ρ^k,   μ_k = E[σ(Z) He_k(Z)] / √(k!)
 *
 * for a standard bivariate normal (u, v) with correlation ρ, He_k the probabilists' Hermite
 * polynomials. μ₀ = E σ, μ₁ = E[Zσ(Z)], and Σ_k μ_k² = E σ². The normalised polynomials
 * h_k = He_k/√(k!) follow h_{k+1} = (z·h_k − √k·h_{k−1})/√(k+1). The coefficients are computed
 * with `gaussianExpectation` (Legendre on two half-lines), so kinks at 0 are harmless.
 */
import { gaussianExpectation, type GaussianExpectationOptions } from './gaussian-expectation.ts';

/** μ_0 … μ_{count−1} of σ (normalised Hermite coefficients). */
export function hermiteCoefficients(sigma: (z: number) => number, count: number, options: GaussianExpectationOptions = {}): Float64Array {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const mu = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    mu[k] = gaussianExpectation((z) => {
      let prev = 0;
      let h = 1;
      for (let j = 0; j < k; j++) {
        const next = (z * h - Math.sqrt(j) * prev) / Math.sqrt(j + 1);
        prev = h;
        h = next;
      }
      return sigma(z) * h;
    }, options);
  }
  return mu;
}

/** Σ_k μ_k² ρ^k for the coefficients `mu` from `hermiteCoefficients`. */
export function mehlerKernel(mu: Float64Array, rho: number): number {
  let s = 0;
  let p = 1;
  for (let k = 0; k < mu.length; k++) {
    s += mu[k]! * mu[k]! * p;
    p *= rho;
  }
  return s;
}
