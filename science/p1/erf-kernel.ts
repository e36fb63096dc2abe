/**
 * Kernel of σ(z) = erf(a·z) (P1 spec §2.4, closed form, unit-norm rows):
 *
 *   E[erf(a u) erf(a v)] = (2/π)·arcsin( 2a²ρ / (1 + 2a²) )
 *
 * for a standard bivariate normal (u, v) with correlation ρ. As a → ∞ it tends to the sign
 * kernel (2/π)·arcsin ρ; as a → 0 it is linear in ρ (the autoencoder becomes linear, spec §2.4
 * caveat 1).
 */

export interface ErfKernelOptions {
  /** The pre-activation scale a in erf(a·z) (the row norm). @default 1 */
  scale?: number;
}

/** E[erf(a u) erf(a v)] at correlation ρ ∈ [−1, 1]. */
export function erfKernel(rho: number, options: ErfKernelOptions = {}): number {
  const { scale = 1 } = options;
  if (!(Math.abs(rho) <= 1)) throw new RangeError(`erfKernel: rho must be in [−1, 1], got ${rho}`);
  const a2 = 2 * scale * scale;
  return (2 / Math.PI) * Math.asin((a2 * rho) / (1 + a2));
}
