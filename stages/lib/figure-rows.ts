/**
 * Building blocks of `FigureData` shared by every paper's figure stages: mean ± sd over
 * seeds, theory and experiment rows, and the plainest check.
 */
import type { Upstream } from '../../engine/stage.ts';
import type { FigureCheck, FigureRow } from '../../report/figure-data.ts';

/** A result read from an upstream instance, with that instance's id (for `FigureRow.instances`). */
export type Traced<T> = T & { readonly instanceId: string };

/** Each upstream's JSON output `name`, with the id of the instance that wrote it (`Upstream.id`). */
export function readTraced<T extends object>(ups: readonly Upstream[], name: string): Traced<T>[] {
  return ups.map((u) => ({ ...u.json<T>(name), instanceId: u.id }));
}

/** The instance ids of traced results, in order. */
export function idsOf(results: readonly { readonly instanceId: string }[]): string[] {
  return results.map((r) => r.instanceId);
}

/** Mean and sample sd (n − 1; 0 for a single value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

/**
 * An experiment row at the mean of `values`, error bar mean ± sd; `instances` are the ids of
 * the upstream instances the values come from (hovering over the point names them).
 */
export function pointRow(series: string, x: number, values: readonly number[], panel?: string, instances?: readonly string[]): FigureRow {
  const { mean, sd } = meanSd(values);
  return {
    series,
    kind: 'experiment',
    x,
    y: mean,
    y_lo: mean - sd,
    y_hi: mean + sd,
    n: values.length,
    ...(panel ? { panel } : {}),
    ...(instances?.length ? { instances: [...instances] } : {}),
  };
}

/** A theory row. */
export function lineRow(series: string, x: number, y: number, panel?: string): FigureRow {
  return { series, kind: 'theory', x, y, ...(panel ? { panel } : {}) };
}

/** |measured − target| ≤ tol. */
export function closeCheck(name: string, measured: number, target: number, tol: number): FigureCheck {
  return { name, measured, target, tolerance: tol, pass: Math.abs(measured - target) <= tol };
}
