/**
 * A fast φ1 evaluator for the ODE and Monte Carlo loops (P3 §2.3, §2.7).
 *
 * The tanh integrals cost ~5000 exponentials each (see `phi1.ts`), and the ODE calls them
 * 4 times per RK4 step for tens of thousands of steps. So for tanh the direct values are
 * tabulated once on q = a(eˢ − 1), s uniform (fine near 0 where the derivatives of φ1 are
 * large, coarse at large q), and evaluated by cubic Hermite interpolation from (φ1, φ1′) for
 * φ1 and from (φ1′, φ1″) for φ1′. Interpolation error ≲ h⁴ max|f⁗|/384 < 1e-10 on the table
 * (checked against direct values in the tests). Above `qMax` the direct evaluation is used.
 * The closed-form activations are returned as they are.
 */
import type { Activation } from './activation.ts';
import { phi1 } from './phi1.ts';

/** Writes φ1(q) into out[0] and φ1′(q) into out[1]; returns out. */
export type Phi1Fn = (q: number, out?: Float64Array) => Float64Array;

export interface Phi1FnOptions {
  /** Largest tabulated q. @default 200 */
  qMax?: number;
  /** Scale a of the grid q = a(eˢ − 1). @default 0.1 */
  scale?: number;
  /** Step in s. @default 0.01 */
  ds?: number;
}

const tables = new Map<string, Phi1Fn>();

/** The φ1 evaluator for `act` (memoised: the tanh table is built once per options). */
export function phi1Fn(act: Activation, options: Phi1FnOptions = {}): Phi1Fn {
  const { qMax = 200, scale = 0.1, ds = 0.01 } = options;
  if (act !== 'tanh') {
    return (q, out = new Float64Array(2)) => {
      const v = phi1(q, act);
      out[0] = v.phi1;
      out[1] = v.dphi1;
      return out;
    };
  }
  const key = `${qMax},${scale},${ds}`;
  const hit = tables.get(key);
  if (hit) return hit;
  const n = Math.ceil(Math.log(1 + qMax / scale) / ds) + 1;
  const qs = new Float64Array(n);
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  const f2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    qs[i] = scale * Math.expm1(i * ds);
    const v = phi1(qs[i]!, 'tanh');
    f0[i] = v.phi1;
    f1[i] = v.dphi1;
    f2[i] = v.d2phi1;
  }
  const top = qs[n - 1]!;
  const fn: Phi1Fn = (q, out = new Float64Array(2)) => {
    if (!(q >= 0)) throw new RangeError(`phi1Fn: q must be ≥ 0, got ${q}`);
    if (q >= top) {
      const v = phi1(q, 'tanh');
      out[0] = v.phi1;
      out[1] = v.dphi1;
      return out;
    }
    const i = Math.min(n - 2, Math.floor(Math.log1p(q / scale) / ds));
    const qa = qs[i]!;
    const h = qs[i + 1]! - qa;
    const x = (q - qa) / h;
    // cubic Hermite basis on [0, 1]
    const x2 = x * x;
    const x3 = x2 * x;
    const h00 = 2 * x3 - 3 * x2 + 1;
    const h10 = x3 - 2 * x2 + x;
    const h01 = -2 * x3 + 3 * x2;
    const h11 = x3 - x2;
    out[0] = h00 * f0[i]! + h10 * h * f1[i]! + h01 * f0[i + 1]! + h11 * h * f1[i + 1]!;
    out[1] = h00 * f1[i]! + h10 * h * f2[i]! + h01 * f1[i + 1]! + h11 * h * f2[i + 1]!;
    return out;
  };
  tables.set(key, fn);
  return fn;
}
