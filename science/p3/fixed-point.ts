/**
 * Fixed points of the reduced ODE and their active sets (P3 §2.5).
 *
 * For an active set S (c_k > 0 exactly for k ∈ S) the stationarity conditions are
 *   G_k(c) = λ_k ( 2φ1(q)(1 − g_k) + 2φ1′(q) m ) − λ = 0,  k ∈ S,   c_k = 0, k ∉ S,
 * equivalently g_k = 1 + (φ1′/φ1) m − λ/(2φ1 λ_k), c_k = g_k/φ1, with q, m self-consistent.
 * They are solved by damped Newton on c_S (finite-difference Jacobian), started from the
 * λ = 0 plateau solution c_k = 1/φ1(q_S), q_S φ1(q_S) = Σ_S α_k λ_k.
 * An inactive k is stable iff its growth rate 2[λ_k(2φ1 + 2φ1′ m) − λ] < 0.
 * Since both g_k (k ∈ S) and the growth rate (k ∉ S) increase with λ_k, S is a set of
 * top levels; `fixedPoint` takes the largest S that is feasible (all g_k > 0) and stable.
 * Closed forms (tests): linear g_k = (1 − λ/(2λ_k))₊, ReLU g_k = (1 − λ/λ_k)₊.
 */
import { bisection } from '../numerics/bisection.ts';
import type { Activation } from './activation.ts';
import { reducedObservables } from './observables.ts';
import { phi1Fn, type Phi1Fn } from './phi1-fn.ts';
import type { Spectrum } from './spectrum.ts';

export interface FixedPoint {
  /** Indices of the active blocks. */
  active: number[];
  c: Float64Array;
  g: Float64Array;
  q: number;
  m: number;
  R: number;
  /** Growth rate 2[λ_k(2φ1(1 − g_k) + 2φ1′m) − λ] of each block at the fixed point (0 on S). */
  rates: Float64Array;
  /** Newton converged (‖G‖∞ < tol). */
  converged: boolean;
}

export interface FixedPointOptions {
  /** Newton tolerance on ‖G‖∞. @default 1e-12 */
  tol?: number;
  /** Newton iterations. @default 100 */
  maxIterations?: number;
}

/** Blocks sorted by decreasing level. */
function order(s: Spectrum): number[] {
  return Array.from(s.levels.keys()).sort((a, b) => s.levels[b]! - s.levels[a]!);
}

function complete(s: Spectrum, phi: Phi1Fn, lambda: number, active: number[], c: Float64Array, converged: boolean): FixedPoint {
  const o = reducedObservables(c, s, phi);
  const rates = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) rates[k] = 2 * (s.levels[k]! * (2 * o.phi1 * (1 - o.g[k]!) + 2 * o.dphi1 * o.m) - lambda);
  return { active, c, g: o.g, q: o.q, m: o.m, R: o.R, rates, converged };
}

/** The fixed point with active set = the `count` largest levels (plateau `count` when λ = 0, §2.6). */
export function restrictedFixedPoint(s: Spectrum, act: Activation | Phi1Fn, lambda: number, count: number, options: FixedPointOptions = {}): FixedPoint {
  const { tol = 1e-12, maxIterations = 100 } = options;
  const phi = typeof act === 'function' ? act : phi1Fn(act);
  const K = s.levels.length;
  const S = order(s).slice(0, count);
  const c = new Float64Array(K);
  if (S.length === 0) return complete(s, phi, lambda, S, c, true);
  let v = 0;
  for (const k of S) v += s.fractions[k]! * s.levels[k]!;
  // λ = 0 plateau: q φ1(q) = v (q φ1(q) increases from 0); start from it.
  let hi = 1;
  while (hi * phi(hi)[0]! < v) hi *= 2;
  const q0 = bisection((q) => q * phi(q)[0]! - v, 0, hi);
  for (const k of S) c[k] = 1 / phi(q0)[0]!;
  const G = (x: Float64Array): Float64Array => {
    const o = reducedObservables(x, s, phi);
    return Float64Array.from(S, (k) => s.levels[k]! * (2 * o.phi1 * (1 - o.g[k]!) + 2 * o.dphi1 * o.m) - lambda);
  };
  const n = S.length;
  let g = G(c);
  let norm = Math.max(...g.map(Math.abs));
  for (let it = 0; it < maxIterations && norm > tol; it++) {
    const J = Array.from({ length: n }, () => new Float64Array(n));
    for (let j = 0; j < n; j++) {
      const k = S[j]!;
      const h = 1e-7 * Math.max(1, Math.abs(c[k]!));
      const x = Float64Array.from(c);
      x[k] = c[k]! + h;
      const gp = G(x);
      x[k] = c[k]! - h;
      const gm = G(x);
      for (let i = 0; i < n; i++) J[i]![j] = (gp[i]! - gm[i]!) / (2 * h);
    }
    const step = solve(J, g);
    let t = 1;
    for (; t > 1e-6; t /= 2) {
      const x = Float64Array.from(c);
      S.forEach((k, j) => (x[k] = c[k]! - t * step[j]!));
      if (S.some((k) => !(x[k]! > 0))) continue; // stay in the positive orthant
      const gx = G(x);
      const nx = Math.max(...gx.map(Math.abs));
      if (nx < norm || nx < tol) {
        c.set(x);
        g = gx;
        norm = nx;
        break;
      }
    }
    if (t <= 1e-6) break;
  }
  return complete(s, phi, lambda, S, c, norm <= Math.max(tol, 1e-9));
}

/** Gaussian elimination with partial pivoting: solves J x = b. */
function solve(J: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const A = J.map((r, i) => Float64Array.of(...r, b[i]!));
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[p]![col]!)) p = r;
    [A[col], A[p]] = [A[p]!, A[col]!];
    const piv = A[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = A[r]!;
      const f = row[col]! / piv[col]!;
      for (let j = col; j <= n; j++) row[j] = row[j]! - f * piv[j]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = A[r]!;
    let v = row[n]!;
    for (let j = r + 1; j < n; j++) v -= row[j]! * x[j]!;
    x[r] = v / row[r]!;
  }
  return x;
}

/** The stable fixed point reached from small initialisation: largest feasible, stable top-level set (§2.5). */
export function fixedPoint(s: Spectrum, act: Activation | Phi1Fn, lambda: number, options: FixedPointOptions = {}): FixedPoint {
  const phi = typeof act === 'function' ? act : phi1Fn(act);
  for (let count = s.levels.length; count >= 1; count--) {
    const fp = restrictedFixedPoint(s, phi, lambda, count, options);
    const feasible = fp.converged && fp.active.every((k) => fp.g[k]! > 0);
    const stable = Array.from(fp.rates).every((r, k) => fp.active.includes(k) || r < 0);
    if (feasible && stable) return fp;
  }
  return restrictedFixedPoint(s, phi, lambda, 0, options);
}

/**
 * Death threshold of the block with rank `rank` (1-based, by decreasing level): the λ at which
 * its growth rate at the fixed point of the `rank − 1` larger blocks crosses 0 (§2.5; tanh:
 * 0.1756 for rank 3, 0.8871 for rank 2). Bisection on [0, lambdaMax], by default
 * lambdaMax = 1.8 φ1(0) λ_top, below the λ = 2φ1(0)λ_top where the top block itself dies.
 */
export function deathThreshold(s: Spectrum, act: Activation, rank: number, lambdaMax?: number): number {
  const phi = phi1Fn(act);
  const top = s.levels[order(s)[0]!]!;
  lambdaMax ??= 1.8 * phi(0)[0]! * top;
  const k = order(s)[rank - 1];
  if (k === undefined) throw new RangeError(`deathThreshold: rank must be in 1..${s.levels.length}, got ${rank}`);
  return bisection((lambda) => restrictedFixedPoint(s, phi, lambda, rank - 1).rates[k]!, 0, lambdaMax, { xTol: 1e-10 });
}
