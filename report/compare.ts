/**
 * What changed in one figure between an earlier result ("then", at another revision)
 * and this one ("now"), on the plotted data after the same preparation (thinning,
 * rounding), so that a difference below the plotted precision is no change.
 * Pure: both sides come in as data; finding them is report/compare-cli.ts's job.
 */
import { checkKeys, checkStatus } from './check-status.ts';
import type { FigureCheck, FigureRow } from './figure-data.ts';
import type { PlotData } from './plot-data.ts';

/** What the earlier revision holds for a figure. */
export type Then =
  | { found: true; plot: PlotData }
  /** No result at that revision, or one the local store no longer has: `reason` says which. */
  | { found: false; reason: string };

export interface FigureComparison {
  /** The earlier revision's label, e.g. `HEAD~1` or `old.lock.json`. */
  rev: string;
  found: boolean;
  /** Why there is nothing to compare with (when not found). */
  reason?: string;
  /** True when any plotted group or any check value differs (or the figure is new). */
  changed: boolean;
  /** The earlier rows of every (kind, series, panel) group whose data differ from now. */
  overlay: FigureRow[];
  /** Series whose data differ, in order. */
  changedSeries: string[];
  /** For each check of now, in order: the same check then (null: it did not exist then). */
  thenChecks: (FigureCheck | null)[];
}

const groupKey = (r: FigureRow) => `${r.kind}\u0000${r.series}\u0000${r.panel ?? ''}`;
const rowText = (r: FigureRow) => [r.x, r.y, r.y_lo, r.y_hi, r.value].join(',');

function groups(rows: readonly FigureRow[]): Map<string, FigureRow[]> {
  const m = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const k = groupKey(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const sameCheck = (a: FigureCheck, b: FigureCheck) =>
  (a.measured === b.measured || (Number.isNaN(a.measured) && Number.isNaN(b.measured))) && checkStatus(a) === checkStatus(b);

export function compareFigure(rev: string, now: PlotData, then: Then): FigureComparison {
  if (!then.found) {
    return { rev, found: false, reason: then.reason, changed: true, overlay: [], changedSeries: [], thenChecks: now.checks.map(() => null) };
  }
  const a = groups(then.plot.rows);
  const b = groups(now.rows);
  const overlay: FigureRow[] = [];
  const changedSeries = new Set<string>();
  for (const [k, rows] of a) {
    const cur = b.get(k);
    if (cur && cur.length === rows.length && cur.every((r, i) => rowText(r) === rowText(rows[i]!))) continue;
    overlay.push(...rows);
    changedSeries.add(rows[0]!.series);
  }
  for (const [k, rows] of b) if (!a.has(k)) changedSeries.add(rows[0]!.series);
  const thenByKey = new Map(checkKeys(then.plot.checks).map((k, i) => [k, then.plot.checks[i]!]));
  const thenChecks = checkKeys(now.checks).map((k) => thenByKey.get(k) ?? null);
  const checksChanged = thenChecks.some((t, i) => !t || !sameCheck(t, now.checks[i]!)) || then.plot.checks.length !== now.checks.length;
  return { rev, found: true, changed: changedSeries.size > 0 || checksChanged, overlay, changedSeries: [...changedSeries], thenChecks };
}
