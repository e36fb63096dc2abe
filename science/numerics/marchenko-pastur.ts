/**
 * Integrals against the Marchenko–Pastur law μ_c (aspect ratio c = p/m, variance 1): the
 * limiting eigenvalue distribution of XᵀX/m for an m×p matrix X with i.i.d. N(0,1) entries.
 *
 *   dμ_c(λ) = √((λ₊ − λ)(λ − λ₋)) / (2π c λ) dλ on [λ₋, λ₊],  λ± = (1 ± √c)²,
 *   plus a point mass (1 − 1/c) at λ = 0 when c > 1.
 *
 * Method: substitute λ = m + h·cos θ (m = (λ₊+λ₋)/2, h = (λ₊−λ₋)/2), which turns the
 * square-root edges into sin²θ: ∫ f dμ_c = ∫_0^π g(θ) sin²θ dθ with g = f(λ)·h²/(2πcλ).
 * That is Gauss–Chebyshev quadrature of the second kind, with closed-form nodes
 * θ_k = kπ/(N+1) and weights π/(N+1)·sin²θ_k (exact for g polynomial in cos θ of degree
 * ≤ 2N−1). At c = 1 (λ₋ = 0) the factor 1/λ is singular at θ = π, but each node's term stays
 * finite; convergence is then algebraic (error ~N⁻³) rather than spectral.
 */

export interface MarchenkoPasturOptions {
  /** Quadrature nodes N. @default 2000 */
  nodes?: number;
}

/** ∫ f dμ_c, including the atom at 0 (weight 1 − 1/c) when c > 1. */
export function marchenkoPasturIntegral(f: (lambda: number) => number, c: number, options: MarchenkoPasturOptions = {}): number {
  const { nodes = 2000 } = options;
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`marchenkoPasturIntegral: c must be a finite number > 0, got ${c}`);
  const lo = (1 - Math.sqrt(c)) ** 2;
  const hi = (1 + Math.sqrt(c)) ** 2;
  const mid = (hi + lo) / 2;
  const half = (hi - lo) / 2;
  let s = 0;
  for (let k = 1; k <= nodes; k++) {
    const t = (k * Math.PI) / (nodes + 1);
    const lambda = mid + half * Math.cos(t);
    const sin2 = Math.sin(t) ** 2;
    // density·dλ = g(θ)·sin²θ dθ with g = h²/(2πcλ): √((λ₊−λ)(λ−λ₋)) = h sinθ, dλ = h sinθ dθ
    s += ((Math.PI / (nodes + 1)) * sin2 * f(lambda) * half * half) / (2 * Math.PI * c * lambda);
  }
  return c > 1 ? s + (1 - 1 / c) * f(0) : s;
}
