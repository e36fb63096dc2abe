/**
 * Bisection root finder for a continuous f on [a, b] with f(a)·f(b) ≤ 0.
 *
 * Robust (never leaves the bracket) and monotone-safe: used for water-filling levels
 * (P1 §2.3) and other one-dimensional calibrations. Converges linearly, halving the
 * bracket each step, until it is shorter than `xTol` (absolute) or `maxIterations` is reached.
 */

export interface BisectionOptions {
  /** Stop when the bracket is shorter than this. @default 1e-14 × max(1, |a|, |b|) */
  xTol?: number;
  /** Hard cap on halvings. @default 200 */
  maxIterations?: number;
}

/** A root of f in [a, b]. Throws a RangeError if f(a) and f(b) have the same strict sign. */
export function bisection(f: (x: number) => number, a: number, b: number, options: BisectionOptions = {}): number {
  const { xTol = 1e-14 * Math.max(1, Math.abs(a), Math.abs(b)), maxIterations = 200 } = options;
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (flo * fhi > 0) throw new RangeError(`bisection: f(${lo}) = ${flo} and f(${hi}) = ${fhi} do not bracket a root`);
  for (let k = 0; k < maxIterations && hi - lo > xTol; k++) {
    const mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm * flo < 0) hi = mid;
    else {
      lo = mid;
      flo = fm;
    }
  }
  return 0.5 * (lo + hi);
}
