/**
 * Small helpers shared by the paper-1 figure stages: mean ± sd over seeds, figure rows,
 * and `FigureCheck`s built from a measured value and the spec's band.
 */
import type { FigureCheck } from '../../report/figure-data.ts';
export { meanSd, pointRow, lineRow, closeCheck } from './figure-rows.ts';

/** `lo ≤ measured − target ≤ hi`, named with the spec's tolerance text. */
export function rangeCheck(name: string, measured: number, target: number, lo: number, hi: number, tolerance: string): FigureCheck {
  const diff = measured - target;
  return { name, measured, target, tolerance, pass: diff >= lo && diff <= hi };
}

/** Points 0…n−1 spread evenly on [a, b]. */
export function grid(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
}

/** Distinct sorted values of an instance key. */
export function distinct(values: readonly (string | number | boolean | undefined)[]): number[] {
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}
