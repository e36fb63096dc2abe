/**
 * Small helpers shared by the paper-1 figure stages: mean ± sd over seeds, figure rows,
 * and `FigureCheck`s built from a measured value and the spec's band.
 */
import type { FigureCheck, FigureRow } from '../../report/figure-data.ts';

/** Mean and sample sd (0 for a single value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

/** An experiment row at the mean of `values`, error bar mean ± sd. */
export function pointRow(series: string, x: number, values: readonly number[], panel?: string): FigureRow {
  const { mean, sd } = meanSd(values);
  return { series, kind: 'experiment', x, y: mean, y_lo: mean - sd, y_hi: mean + sd, n: values.length, ...(panel ? { panel } : {}) };
}

/** A theory row. */
export function lineRow(series: string, x: number, y: number, panel?: string): FigureRow {
  return { series, kind: 'theory', x, y, ...(panel ? { panel } : {}) };
}

/** `lo ≤ measured − target ≤ hi`, named with the spec's tolerance text. */
export function rangeCheck(name: string, measured: number, target: number, lo: number, hi: number, tolerance: string): FigureCheck {
  const diff = measured - target;
  return { name, measured, target, tolerance, pass: diff >= lo && diff <= hi };
}

/** |measured − target| ≤ tol. */
export function closeCheck(name: string, measured: number, target: number, tol: number): FigureCheck {
  return { name, measured, target, tolerance: tol, pass: Math.abs(measured - target) <= tol };
}

/** Points 0…n−1 spread evenly on [a, b]. */
export function grid(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
}

/** Distinct sorted values of an instance key. */
export function distinct(values: readonly (string | number | boolean | undefined)[]): number[] {
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}
