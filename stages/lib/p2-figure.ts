/**
 * Small helpers shared by the paper-2 figure stages: mean ± sd over seeds, and
 * building a `FigureCheck` from a measured value and a band.
 */
import type { FigureCheck } from '../../report/figure-data.ts';
export { meanSd, pointRow, lineRow } from './figure-rows.ts';

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
