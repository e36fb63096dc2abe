/**
 * The Lyapunov function of the reduced flow (P3 §2.3):
 *   F(c) = ½ Σ_k α_k λ_k (1 − φ1(q) c_k)² + (λ/2) Σ_k α_k c_k,
 * the population objective L on the Gaussian law N(0, Σ c_k P_k). The flow is
 * dc_k/dt = −(4 c_k/α_k) ∂F/∂c_k, so F is non-increasing along trajectories (spec F1).
 */
import type { Phi1Fn } from './phi1-fn.ts';
import type { Spectrum } from './spectrum.ts';

export function lyapunov(c: ArrayLike<number>, s: Spectrum, phi: Phi1Fn, lambda: number): number {
  const K = s.levels.length;
  let q = 0;
  for (let k = 0; k < K; k++) q += s.fractions[k]! * s.levels[k]! * c[k]!;
  const p = phi(q)[0]!;
  let F = 0;
  for (let k = 0; k < K; k++) F += 0.5 * s.fractions[k]! * s.levels[k]! * (1 - p * c[k]!) ** 2 + 0.5 * lambda * s.fractions[k]! * c[k]!;
  return F;
}
