/**
 * Classical fourth-order Runge–Kutta for y′ = f(t, y), y ∈ ℝⁿ (Float64Array).
 *
 *   k1 = f(t, y), k2 = f(t + h/2, y + h k1/2), k3 = f(t + h/2, y + h k2/2), k4 = f(t + h, y + h k3)
 *   y(t + h) = y + h (k1 + 2k2 + 2k3 + k4)/6          (local error O(h⁵), global O(h⁴))
 *
 * `rk4Step` advances one step; `integrateRk4` runs fixed steps from t0 to t1 and calls
 * `observe(t, y)` at t0 and after every step (the callback sees a view it must copy to keep).
 * The final step is shortened so that the run ends exactly at t1.
 */

/** The right-hand side: writes f(t, y) into `out`. */
export type OdeRhs = (t: number, y: Float64Array, out: Float64Array) => void;

/** Scratch buffers reused across steps (allocated once per integration). */
interface Rk4Work {
  k1: Float64Array;
  k2: Float64Array;
  k3: Float64Array;
  k4: Float64Array;
  tmp: Float64Array;
}

function work(n: number): Rk4Work {
  return { k1: new Float64Array(n), k2: new Float64Array(n), k3: new Float64Array(n), k4: new Float64Array(n), tmp: new Float64Array(n) };
}

/** One RK4 step of size h, in place on y. */
export function rk4Step(f: OdeRhs, t: number, y: Float64Array, h: number, w: Rk4Work = work(y.length)): void {
  const { k1, k2, k3, k4, tmp } = w;
  const n = y.length;
  f(t, y, k1);
  for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * h * k1[i]!;
  f(t + 0.5 * h, tmp, k2);
  for (let i = 0; i < n; i++) tmp[i] = y[i]! + 0.5 * h * k2[i]!;
  f(t + 0.5 * h, tmp, k3);
  for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * k3[i]!;
  f(t + h, tmp, k4);
  for (let i = 0; i < n; i++) y[i] = y[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
}

export interface IntegrateRk4Options {
  /** Start time. @default 0 */
  t0?: number;
  /** Called at t0 and after every step with the current state (a live view: copy to keep). */
  observe?: (t: number, y: Float64Array) => void;
}

/** Integrate y′ = f(t, y) from t0 to t1 with step h; returns the final state (a new array). */
export function integrateRk4(f: OdeRhs, y0: Float64Array, t1: number, h: number, options: IntegrateRk4Options = {}): Float64Array {
  const { t0 = 0, observe } = options;
  if (!(h > 0)) throw new RangeError(`integrateRk4: step h must be > 0, got ${h}`);
  if (!(t1 >= t0)) throw new RangeError(`integrateRk4: t1 (${t1}) must be ≥ t0 (${t0})`);
  const y = Float64Array.from(y0);
  const w = work(y.length);
  const steps = Math.ceil((t1 - t0) / h - 1e-9);
  observe?.(t0, y);
  for (let s = 0; s < steps; s++) {
    const t = t0 + s * h;
    const step = Math.min(h, t1 - t);
    rk4Step(f, t, y, step, w);
    observe?.(s === steps - 1 ? t1 : t0 + (s + 1) * h, y);
  }
  return y;
}
