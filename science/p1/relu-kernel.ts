/**
 * Arc-cosine kernel of degree 1: the ReLU kernel (P1 spec §2.4, closed form, unit-norm rows).
 *
 *   E[relu(u) relu(v)] = (1/(2π))·[√(1 − ρ²) + ρ·(π − arccos ρ)]
 *
 * for a standard bivariate normal (u, v) with correlation ρ. At ρ = 1 it is E relu² = 1/2, at
 * ρ = 0 it is μ₀² = 1/(2π). ReLU is positively homogeneous, so rows of norm a, b scale it by ab.
 */

/** E[relu(u) relu(v)] at correlation ρ ∈ [−1, 1]. */
export function reluKernel(rho: number): number {
  if (!(Math.abs(rho) <= 1)) throw new RangeError(`reluKernel: rho must be in [−1, 1], got ${rho}`);
  return (Math.sqrt(1 - rho * rho) + rho * (Math.PI - Math.acos(rho))) / (2 * Math.PI);
}
