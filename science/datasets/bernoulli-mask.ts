/**
 * P2 F6 "masked images": x_ij ← m_ij · x_ij / √p with m_ij ~ Bernoulli(p) i.i.d. (keep with
 * probability p). The rescale preserves the second moment entry by entry,
 * E[(m x/√p)²] = p·x²/p = x², so a whitened input keeps E xxᵀ's diagonal while its off-diagonal
 * shrinks by p: E Σ_masked = p Σ + (1 − p) diag Σ. The result has ≈ (1 − p) exact zeros: a
 * Bernoulli–(real-image) sparse signal.
 */
import type { Rng } from '../numerics/rng.ts';

export function bernoulliMask(X: Float64Array, p: number, rng: Rng): Float64Array {
  if (!(p > 0 && p <= 1)) throw new RangeError(`bernoulliMask: p must be in (0, 1], got ${p}`);
  const s = 1 / Math.sqrt(p);
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) if (rng.uniform() < p) out[i] = X[i]! * s;
  return out;
}
