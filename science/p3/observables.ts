/**
 * Observables of the reduced state c = (c_1, …, c_K) (P3 §2.3):
 *   q = Σ_j α_j λ_j c_j,   g_k = φ1(q) c_k,   m = Σ_j α_j λ_j c_j (1 − g_j),
 *   R = Σ_k α_k λ_k (1 − g_k)²   (reconstruction error E‖x − x̂‖² in the limit).
 */
import type { Phi1Fn } from './phi1-fn.ts';
import type { Spectrum } from './spectrum.ts';

export interface ReducedObservables {
  q: number;
  phi1: number;
  dphi1: number;
  m: number;
  /** Gains g_k. */
  g: Float64Array;
  R: number;
}

export function reducedObservables(c: ArrayLike<number>, s: Spectrum, phi: Phi1Fn): ReducedObservables {
  const K = s.levels.length;
  let q = 0;
  for (let k = 0; k < K; k++) q += s.fractions[k]! * s.levels[k]! * c[k]!;
  const [p = NaN, dp = NaN] = phi(q);
  const g = new Float64Array(K);
  let m = 0;
  let R = 0;
  for (let k = 0; k < K; k++) {
    g[k] = p * c[k]!;
    const w = s.fractions[k]! * s.levels[k]!;
    m += w * c[k]! * (1 - g[k]!);
    R += w * (1 - g[k]!) ** 2;
  }
  return { q, phi1: p, dphi1: dp, m, g, R };
}
