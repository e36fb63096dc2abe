/**
 * Phase 1b: turn a `FigureData` into the data that is actually plotted, which is
 * also what `reports/data/<id>.json` holds, so that the page and the file agree row
 * for row.
 *
 * - Rows a chart cannot draw (non-finite numbers, non-positive values on a log
 *   axis) are dropped, with a note saying how many and why.
 * - Series longer than `maxPoints` are thinned to evenly spaced points (dense
 *   theory curves would otherwise dominate the page size), with a note.
 * - Where a theory curve exists, each experiment row gets a residual
 *   y − T(x), with T the theory series interpolated linearly (in log x on a log
 *   axis) from its unthinned points; points outside the theory's x range get none.
 * - Numbers are rounded to `digits` significant digits.
 */
import type { FigureAxis, FigureCheck, FigureData, FigureRow } from './figure-data.ts';
import * as message from './messages.ts';

export interface ResidualRow {
  /** The experiment series. */
  series: string;
  /** The theory series it is compared with. */
  theory: string;
  x: number;
  /** Experiment minus theory at x. */
  y: number;
  y_lo?: number;
  y_hi?: number;
  panel?: string;
}

/** The plotted data of one figure: the body of `reports/data/<id>.json`. */
export interface PlotData {
  id: string;
  /** The figure stage's instance id (hover names it for points that list no instances of their own). */
  instance?: string;
  title: string;
  kind: FigureData['kind'];
  x: FigureAxis;
  y: FigureAxis;
  rows: FigureRow[];
  residuals: ResidualRow[];
  checks: FigureCheck[];
  /** Panels in order of first appearance (empty: one panel). */
  panels: string[];
  /** In a comparison: the earlier revision's rows of every group that differs, drawn in grey. */
  then?: FigureRow[];
}

export interface PlotDataOptions {
  /** Largest number of points kept per (kind, series, panel). @default 300 */
  maxPoints?: number;
  /** Significant digits kept in x, y, bounds and values. @default 5 */
  digits?: number;
}

export interface Prepared {
  plot: PlotData;
  /** Sentences about what was dropped, thinned or paired. */
  notes: string[];
}

export function preparePlotData(fig: FigureData, options: PlotDataOptions = {}): Prepared {
  const { maxPoints = 300, digits = 5 } = options;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer ≥ 2, got ${maxPoints}`);
  const notes: string[] = [];
  const logX = fig.kind !== 'heatmap' && fig.x.scale === 'log';
  const logY = fig.kind !== 'heatmap' && fig.y.scale === 'log';

  const clean = cleanRows(fig, logX, logY, notes);
  const kept = fig.kind === 'curves' ? thin(clean, maxPoints, notes) : clean;
  // Theory from the unthinned rows (accuracy), experiments from the kept ones (one residual per plotted point).
  const residuals = fig.kind === 'curves' ? residualRows(clean, kept, logX, notes) : [];
  const round = (v: number) => roundTo(v, digits);
  const rows = kept.map((r) => mapNumbers(r, round));
  const panels = [...new Set(rows.map((r) => r.panel).filter((p): p is string => p !== undefined))];
  return {
    plot: {
      id: fig.id,
      title: fig.title,
      kind: fig.kind,
      x: fig.x,
      y: fig.y,
      rows,
      residuals: residuals.map((r) => mapNumbers(r, (v) => roundTo(v, 4))),
      checks: fig.checks,
      panels,
    },
    notes,
  };
}

function cleanRows(fig: FigureData, logX: boolean, logY: boolean, notes: string[]): FigureRow[] {
  let nonFinite = 0;
  let nonPositive = 0;
  let bars = 0;
  const out: FigureRow[] = [];
  for (const r of fig.rows) {
    if (!Number.isFinite(r.x) || !Number.isFinite(r.y) || (fig.kind === 'heatmap' && !Number.isFinite(r.value))) {
      nonFinite++;
      continue;
    }
    if ((logX && r.x <= 0) || (logY && r.y <= 0)) {
      nonPositive++;
      continue;
    }
    const row = { ...r };
    const badBar = (v: number | undefined) => v !== undefined && (!Number.isFinite(v) || (logY && v <= 0));
    if (badBar(row.y_lo) || badBar(row.y_hi)) {
      bars++;
      delete row.y_lo;
      delete row.y_hi;
    }
    out.push(row);
  }
  if (nonFinite) notes.push(message.droppedRows(nonFinite, 'a coordinate or value is not a finite number'));
  if (nonPositive) notes.push(message.droppedRows(nonPositive, 'not positive on a log axis'));
  if (bars) notes.push(`${bars} error bar${bars === 1 ? '' : 's'} not drawn: a bound is not finite or not positive on a log axis.`);
  return out;
}

const groupKey = (r: FigureRow) => `${r.kind}\u0000${r.series}\u0000${r.panel ?? ''}`;

function thin(rows: FigureRow[], maxPoints: number, notes: string[]): FigureRow[] {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => push(groups, groupKey(r), i));
  const keep = new Set<number>();
  for (const idx of groups.values()) {
    if (idx.length <= maxPoints) {
      idx.forEach((i) => keep.add(i));
      continue;
    }
    for (let j = 0; j < maxPoints; j++) keep.add(idx[Math.round((j * (idx.length - 1)) / (maxPoints - 1))]!);
    notes.push(message.thinnedSeries(rows[idx[0]!]!.series, idx.length, maxPoints));
  }
  return rows.filter((_, i) => keep.has(i));
}

/** Linear interpolation of a theory series (sorted by x); undefined outside its range. */
function interpolator(points: FigureRow[], logX: boolean): (x: number) => number | undefined {
  const t = (x: number) => (logX ? Math.log(x) : x);
  const xs = points.map((p) => t(p.x));
  const ys = points.map((p) => p.y);
  return (x0) => {
    const x = t(x0);
    const n = xs.length;
    if (n === 0 || x < xs[0]! || x > xs[n - 1]!) return undefined;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const x0i = xs[lo]!;
    const x1i = xs[hi]!;
    if (x1i === x0i) return ys[lo];
    return ys[lo]! + ((ys[hi]! - ys[lo]!) * (x - x0i)) / (x1i - x0i);
  };
}

function residualRows(all: FigureRow[], rows: FigureRow[], logX: boolean, notes: string[]): ResidualRow[] {
  const theory = new Map<string, FigureRow[]>();
  for (const r of all) if (r.kind === 'theory') push(theory, r.series, r);
  if (theory.size === 0) return [];
  const panelsOf = new Map<string, FigureRow[]>(); // experiment (series, panel) → rows
  for (const r of rows) if (r.kind === 'experiment') push(panelsOf, groupKey(r), r);

  const out: ResidualRow[] = [];
  for (const exp of panelsOf.values()) {
    const first = exp[0]!;
    // Theory curves visible in this panel: same panel, or drawn in every panel.
    const candidates = new Map<string, (x: number) => number | undefined>();
    for (const [s, pts] of theory) {
      const inPanel = pts.filter((p) => p.panel === undefined || p.panel === first.panel).sort((a, b) => a.x - b.x);
      if (inPanel.length >= 2) candidates.set(s, interpolator(inPanel, logX));
    }
    const pick = choose(first, exp, candidates);
    if (!pick) continue;
    // Name the pair only where there was a choice to make.
    if (candidates.size > 1) notes.push(message.residualPair(first.series, pick.series, pick.how) + (first.panel ? ` [${first.panel}]` : ''));
    const T = candidates.get(pick.series)!;
    for (const r of exp) {
      const t = T(r.x);
      if (t === undefined) continue;
      const res: ResidualRow = { series: r.series, theory: pick.series, x: r.x, y: r.y - t };
      if (r.y_lo !== undefined && r.y_hi !== undefined) Object.assign(res, { y_lo: r.y_lo - t, y_hi: r.y_hi - t });
      if (r.panel !== undefined) res.panel = r.panel;
      out.push(res);
    }
  }
  return out;
}

function choose(
  first: FigureRow,
  exp: FigureRow[],
  candidates: Map<string, (x: number) => number | undefined>,
): { series: string; how: 'declared' | 'only' | 'name' | 'nearest' } | undefined {
  if (first.theory !== undefined && candidates.has(first.theory)) return { series: first.theory, how: 'declared' };
  if (candidates.size === 1) return { series: [...candidates.keys()][0]!, how: 'only' };
  const named = byName(first.series, [...candidates.keys()]);
  if (named) return { series: named, how: 'name' };
  let best: { series: string; d: number } | undefined;
  for (const [s, T] of candidates) {
    const ds = exp.map((r) => T(r.x)).flatMap((t, i) => (t === undefined ? [] : [Math.abs(exp[i]!.y - t)]));
    if (!ds.length) continue;
    const d = ds.reduce((a, b) => a + b, 0) / ds.length;
    if (!best || d < best.d) best = { series: s, d };
  }
  return best && { series: best.series, how: 'nearest' };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The theory series an experiment's name points to, if exactly one does: the longest
 * theory name it starts with (`L5 (sim d=200)` → `L5`), else the one sharing its last
 * word (`SGD digits c1` → `ODE c1`, `SGD λ=0.5` → `ODE λ=0.5`).
 */
function byName(exp: string, theories: string[]): string | undefined {
  const prefixed = theories.filter((t) => exp.startsWith(t) && /^$|^[^\p{L}\p{N}]/u.test(exp.slice(t.length))).sort((a, b) => b.length - a.length);
  if (prefixed[0] !== undefined) return prefixed[0];
  const last = (s: string) => s.trim().split(/\s+/).pop();
  const same = theories.filter((t) => last(t) === last(exp));
  return same.length === 1 ? same[0] : undefined;
}

/** Round to `digits` significant digits (0 and non-finite values pass through). */
export function roundTo(v: number, digits: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(digits));
}

function mapNumbers<T extends object>(row: T, f: (v: number) => number): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of ['x', 'y', 'y_lo', 'y_hi', 'value']) if (typeof out[k] === 'number') out[k] = f(out[k] as number);
  return out as T;
}
