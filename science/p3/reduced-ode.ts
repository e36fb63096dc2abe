/**
 * The reduced mean-field ODE for Gaussian data (P3 §2.3), integrated with RK4:
 *
 *   q = Σ_j α_j λ_j c_j,  g_k = φ1(q) c_k,  m = Σ_j α_j λ_j c_j (1 − g_j),
 *   dc_k/dt = 2 c_k [ λ_k ( 2 φ1(q)(1 − g_k) + 2 φ1′(q) m ) − λ ],    c_k(0) = r0².
 *
 * Canonical: dt = 1e-3, c_k(0) = 1e-4 (r0 = 0.01). Not stiff: the largest rate is 4λ_1 = 16.
 * For real data use one block per eigen-direction (`perDirectionSpectrum`).
 */
import { integrateRk4, type OdeRhs } from '../numerics/rk4.ts';
import type { Activation } from './activation.ts';
import { reducedObservables } from './observables.ts';
import { lyapunov } from './lyapunov.ts';
import { phi1Fn, type Phi1Fn } from './phi1-fn.ts';
import type { Spectrum } from './spectrum.ts';

/** dc/dt for the reduced ODE at ridge λ. */
export function reducedRhs(s: Spectrum, phi: Phi1Fn, lambda: number): OdeRhs {
  const K = s.levels.length;
  const pv = new Float64Array(2);
  return (_t, c, out) => {
    let q = 0;
    for (let k = 0; k < K; k++) q += s.fractions[k]! * s.levels[k]! * c[k]!;
    phi(q, pv);
    const p = pv[0]!;
    const dp = pv[1]!;
    let m = 0;
    for (let k = 0; k < K; k++) m += s.fractions[k]! * s.levels[k]! * c[k]! * (1 - p * c[k]!);
    for (let k = 0; k < K; k++) {
      out[k] = 2 * c[k]! * (s.levels[k]! * (2 * p * (1 - p * c[k]!) + 2 * dp * m) - lambda);
    }
  };
}

export interface ReducedOdeOptions {
  /** Ridge λ (§1.4). @default 0 */
  lambda?: number;
  /** Initial c_k (all blocks), = r0². @default 1e-4 */
  c0?: number | Float64Array;
  /** RK4 step. @default 1e-3 */
  dt?: number;
  /** Called after every step with (t, c) (a live view). */
  onStep?: (t: number, c: Float64Array) => void;
}

/** The trajectory sampled at the requested times. */
export interface ReducedTrajectory {
  t: Float64Array;
  /** c[i] = state at t[i] (length K). */
  c: Float64Array[];
  g: Float64Array[];
  q: Float64Array;
  R: Float64Array;
  /** Lyapunov function F (§2.3). */
  F: Float64Array;
}

/** Integrate from t = 0 and sample at `times` (ascending, ≥ 0). */
export function integrateReducedOde(s: Spectrum, act: Activation | Phi1Fn, times: ArrayLike<number>, options: ReducedOdeOptions = {}): ReducedTrajectory {
  const { lambda = 0, c0 = 1e-4, dt = 1e-3, onStep } = options;
  const phi = typeof act === 'function' ? act : phi1Fn(act);
  const K = s.levels.length;
  const f = reducedRhs(s, phi, lambda);
  let c: Float64Array = typeof c0 === 'number' ? new Float64Array(K).fill(c0) : Float64Array.from(c0);
  const out: ReducedTrajectory = { t: Float64Array.from(times), c: [], g: [], q: new Float64Array(times.length), R: new Float64Array(times.length), F: new Float64Array(times.length) };
  let t = 0;
  for (let i = 0; i < times.length; i++) {
    const ti = times[i]!;
    if (ti < t) throw new RangeError(`integrateReducedOde: times must be ascending and ≥ 0, got ${ti} after ${t}`);
    if (ti > t) {
      const start = t;
      c = integrateRk4(f, c, ti, dt, { t0: t, observe: onStep ? (tt, y) => tt > start && onStep(tt, y) : undefined });
    }
    t = ti;
    const o = reducedObservables(c, s, phi);
    out.c.push(Float64Array.from(c));
    out.g.push(o.g);
    out.q[i] = o.q;
    out.R[i] = o.R;
    out.F[i] = lyapunov(c, s, phi, lambda);
  }
  return out;
}
