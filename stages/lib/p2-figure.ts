/**
 * Small helpers shared by the paper-2 figure stages: mean ± sd over seeds, rows, and grouping
 * runs by a key. Checks come from `checks-p2.ts`.
 */
export { meanSd, pointRow, lineRow, readTraced, idsOf, type Traced } from './figure-rows.ts';

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
