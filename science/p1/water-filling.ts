/**
 * Water-filling bound for the sign autoencoder on x ~ N(0, Σ) (P1 spec §2.3, §5 rows 15–17).
 *
 * With λ₁ ≥ … ≥ λ_d the eigenvalues of Σ, k = min(n, d) and ν > 0 the water level:
 *
 *   m_i = max(0, √(λ_i/ν) − κ) for i ≤ k,  m_i = 0 for i > k,   Σ_i m_i = n
 *   R_wf = (κ/d)·Σ_i λ_i/(m_i + κ)
 *
 * m_i is the share of the n unit-norm rows spent on eigendirection i (the eigenvalues of
 * ŴᵀŴ). The cap k = min(n, d) is rank(ŴᵀŴ) ≤ n: without it the isotropic r < 1 case would
 * spread bits over all d directions. Inactive directions contribute λ_i (not reconstructed).
 * Isotropic Σ = I gives LB(r) exactly. ν is found by bisection on t = 1/√ν, in which Σ m_i is
 * increasing and piecewise linear.
 */
import { bisection } from '../numerics/bisection.ts';
import { KAPPA } from './lower-bound.ts';

export interface WaterFillingResult {
  /** Allocation m_i (same order as the input eigenvalues). */
  m: Float64Array;
  /** Water level ν. */
  nu: number;
  /** R_wf = (κ/d)·Σ λ_i/(m_i + κ). */
  risk: number;
}

/** Water-filling allocation of n sign bits over the eigenvalues `lambda` (any order, all > 0). */
export function waterFilling(lambda: Float64Array, n: number): WaterFillingResult {
  const d = lambda.length;
  if (d === 0) throw new RangeError('waterFilling: lambda is empty');
  if (!(n > 0)) throw new RangeError(`waterFilling: n must be > 0, got ${n}`);
  for (const l of lambda) if (!(l > 0)) throw new RangeError(`waterFilling: eigenvalues must be > 0, got ${l}`);
  const k = Math.min(Math.floor(n), d);
  const order = Array.from(lambda.keys()).sort((i, j) => lambda[j]! - lambda[i]!);
  const active = order.slice(0, k);
  const alloc = (t: number) => {
    let s = 0;
    for (const i of active) s += Math.max(0, t * Math.sqrt(lambda[i]!) - KAPPA);
    return s;
  };
  // Σ m_i reaches n once t·√λ_min(active) ≥ (n + kκ)/k.
  const tMax = (n + k * KAPPA) / (k * Math.sqrt(lambda[active[k - 1]!]!)) + 1;
  const t = bisection((x) => alloc(x) - n, 0, tMax, { xTol: 1e-15 * tMax });
  const m = new Float64Array(d);
  for (const i of active) m[i] = Math.max(0, t * Math.sqrt(lambda[i]!) - KAPPA);
  let risk = 0;
  for (let i = 0; i < d; i++) risk += lambda[i]! / (m[i]! + KAPPA);
  return { m, nu: 1 / (t * t), risk: (KAPPA * risk) / d };
}

/**
 * PCA-sign baseline (spec §2.3): codes = signs of the top-n principal components, optimal decoder.
 * R = (1/d)·[Σ_{i>n} λ_i + (1 − 2/π)·Σ_{i≤n} λ_i]  (requires n ≤ d).
 */
export function pcaSignRisk(lambda: Float64Array, n: number): number {
  const d = lambda.length;
  if (!(n >= 0 && n <= d)) throw new RangeError(`pcaSignRisk: n must be in [0, d = ${d}], got ${n}`);
  const sorted = Float64Array.from(lambda).sort().reverse();
  let s = 0;
  for (let i = 0; i < d; i++) s += i < n ? (1 - 2 / Math.PI) * sorted[i]! : sorted[i]!;
  return s / d;
}

/** λ_i ∝ 1/i, i = 1…d, normalised to Tr Σ = d (the E4 spectrum, spec §4B). */
export function harmonicSpectrum(d: number): Float64Array {
  let h = 0;
  for (let i = 1; i <= d; i++) h += 1 / i;
  return Float64Array.from({ length: d }, (_, i) => d / (i + 1) / h);
}
