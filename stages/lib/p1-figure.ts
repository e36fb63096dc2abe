/**
 * Small helpers shared by the paper-1 figure stages: mean ± sd over seeds, figure rows, the seed
 * a check reports (worst or best), and values of a GD trace at a gradient-flow time η·t.
 */
export { meanSd, pointRow, lineRow, readTraced, idsOf, type Traced } from './figure-rows.ts';

/** Points 0…n−1 spread evenly on [a, b]. */
export function grid(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
}

/** Distinct sorted values of an instance key. */
export function distinct(values: readonly (string | number | boolean | undefined)[]): number[] {
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}

/** The value farthest from `target` (the worst seed of a two-sided check); NaN if any is NaN. */
export function farthest(values: readonly number[], target: number): number {
  if (values.some(Number.isNaN)) return NaN;
  return values.reduce((a, b) => (Math.abs(b - target) > Math.abs(a - target) ? b : a));
}

/**
 * The value of a recorded series at gradient-flow time `flow` = η·t, linearly interpolated
 * between the recorded steps `t` (so the check does not depend on the step size or on
 * `recordEvery`); NaN outside the recorded range.
 */
export function atFlowTime(t: readonly number[], values: readonly number[], eta: number, flow: number): number {
  const x = flow / eta;
  for (let k = 0; k < t.length; k++) {
    if (Math.abs(t[k]! - x) <= 1e-9 * Math.max(1, x)) return values[k]!;
    if (k > 0 && t[k - 1]! < x && x < t[k]!) {
      const w = (x - t[k - 1]!) / (t[k]! - t[k - 1]!);
      return values[k - 1]! + w * (values[k]! - values[k - 1]!);
    }
  }
  return NaN;
}

/** The exponential decay rate per unit of η·t of a positive series between flow times a < b. */
export function decayRate(t: readonly number[], values: readonly number[], eta: number, a: number, b: number): number {
  return Math.log(atFlowTime(t, values, eta, a) / atFlowTime(t, values, eta, b)) / (b - a);
}

/** Gradient-flow time η·T of `iterations` steps of size η, rounded to 1e-9 (0.1·300 = 30). */
export function flowTime(eta: number, iterations: number): number {
  return Math.round(eta * iterations * 1e9) / 1e9;
}
