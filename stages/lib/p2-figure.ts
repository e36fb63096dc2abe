/**
 * Small helpers shared by the paper-2 figure stages: mean ± sd over seeds, and
 * building a `FigureCheck` from a measured value and a band.
 */
import type { FigureCheck, FigureRow } from '../../report/figure-data.ts';

/** Mean and sample sd (0 for a single value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

/** An experiment row at the mean of `values`, with y_lo/y_hi = mean ± sd. */
export function pointRow(series: string, x: number, values: readonly number[], panel?: string): FigureRow {
  const { mean, sd } = meanSd(values);
  return { series, kind: 'experiment', x, y: mean, y_lo: mean - sd, y_hi: mean + sd, n: values.length, ...(panel ? { panel } : {}) };
}

/** A theory row. */
export function lineRow(series: string, x: number, y: number, panel?: string): FigureRow {
  return { series, kind: 'theory', x, y, ...(panel ? { panel } : {}) };
}

/** Check `measured − target ∈ [−below, +above]`. */
export function bandCheck(name: string, measured: number, target: number, above: number, below = above): FigureCheck {
  const diff = measured - target;
  const tolerance = above === below ? above : `+${above}/−${below}`;
  return { name, measured, target, tolerance, pass: diff <= above && diff >= -below };
}

/** Group items by a string key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
