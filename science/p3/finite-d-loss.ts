/**
 * The finite-d loss of a Gaussian weight law (P3 §2.7):
 *   R_d(c) = E_x ‖x − φ1(xᵀCx) · C x‖²,   C = Σ_k c_k P_k,  x = z/√d,  z ~ N(0, Σ),
 * the exact population loss of x̂_ρ for ρ = N(0, C) at dimension d (fact (a) of §2.2), by
 * Monte Carlo. As d → ∞, xᵀCx → q and R_d → R. Reference at the ODE's c(10) (tanh, λ = 0):
 * R_d = 0.1042 (d = 60), 0.0958 (d = 99), 0.0876 (d = 300), R_∞ = 0.0832.
 */
import type { Rng } from '../numerics/rng.ts';
import type { Activation } from './activation.ts';
import { phi1Fn } from './phi1-fn.ts';
import { blockOfCoordinate, type Spectrum } from './spectrum.ts';

export interface FiniteDLossOptions {
  /** Monte Carlo samples. @default 20000 */
  samples?: number;
}

export interface MonteCarloEstimate {
  mean: number;
  /** Standard error of the mean. */
  se: number;
}

export function finiteDLoss(c: ArrayLike<number>, s: Spectrum, d: number, act: Activation, rng: Rng, options: FiniteDLossOptions = {}): MonteCarloEstimate {
  const { samples = 20000 } = options;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`finiteDLoss: d must be a positive integer, got ${d}`);
  const phi = phi1Fn(act);
  const block = blockOfCoordinate(s, d);
  const sd = Float64Array.from(block, (k) => Math.sqrt(s.levels[k]! / d));
  const ci = Float64Array.from(block, (k) => c[k]!);
  const x = new Float64Array(d);
  const pv = new Float64Array(2);
  let sum = 0;
  let sum2 = 0;
  for (let n = 0; n < samples; n++) {
    let quad = 0;
    for (let i = 0; i < d; i++) {
      x[i] = sd[i]! * rng.normal();
      quad += ci[i]! * x[i]! * x[i]!;
    }
    const p = phi(quad, pv)[0]!;
    let loss = 0;
    for (let i = 0; i < d; i++) loss += (x[i]! * (1 - p * ci[i]!)) ** 2;
    sum += loss;
    sum2 += loss * loss;
  }
  const mean = sum / samples;
  return { mean, se: Math.sqrt(Math.max(0, sum2 / samples - mean * mean) / samples) };
}
