/**
 * Checks as data: each paper keeps a typed table of `CheckDef`s (claim, spec row, band, the
 * smallest size at which the band holds), figure stages only gather measured values and the
 * reference from `science/`, and this one evaluator turns them into the report's `FigureCheck`s.
 */
import type { FigureCheck } from '../../report/figure-data.ts';

/**
 * The allowed deviation `measured − target`:
 * `{ abs: t }` is |dev| ≤ t; `{ rel: t }` is |dev| ≤ t·|target|; `{ lo, hi }` is lo ≤ dev ≤ hi
 * (use ±Infinity for a one-sided band).
 */
export type Band = { abs: number } | { rel: number } | { lo: number; hi: number };

/** One row of a paper's check table. */
export interface CheckDef {
  /** Stable id, e.g. `p1.e2.gap-flow-time`. */
  id: string;
  /** The claim, as shown in the report, e.g. `E2: R − LB < 1e-4 by η·t = 5`. */
  claim: string;
  /** The spec row, e.g. `P1 §4B E2`. */
  spec: string;
  band: Band;
  /** The tolerance as the spec states it, for display. @default derived from `band` */
  tolerance?: string;
  /**
   * The smallest size at which `band` holds, per size name (e.g. `{ d: 100, seeds: 3 }`). A run
   * whose measured size is below any of these is reported `not-evaluated`, with its value.
   */
  holdsAt?: Readonly<Record<string, number>>;
}

/** What a stage gathered for one check. */
export interface Measurement {
  measured: number;
  /** The reference value, computed by `science/` (never re-derived in a stage). */
  target: number;
  /** The run's sizes, compared with `holdsAt`. */
  size?: Readonly<Record<string, number>>;
  /** Appended to the claim to tell instances apart, e.g. `r=0.5`. */
  label?: string;
}

function bandText(band: Band): string {
  if ('abs' in band) return `±${band.abs}`;
  if ('rel' in band) return `±${band.rel * 100}%`;
  const lo = band.lo === -Infinity ? '' : `${band.lo} ≤ `;
  const hi = band.hi === Infinity ? '' : ` ≤ ${band.hi}`;
  return `${lo}dev${hi}`;
}

/** Fraction of the band used by `dev`: ≤ 1 is inside. NaN deviation gives Infinity. */
export function margin(band: Band, dev: number, target: number): number {
  if (Number.isNaN(dev)) return Infinity;
  const frac = (x: number, limit: number) => (x === 0 ? 0 : limit === 0 ? Infinity : x / limit);
  if ('abs' in band) return frac(Math.abs(dev), band.abs);
  if ('rel' in band) return frac(Math.abs(dev), band.rel * Math.abs(target));
  return dev >= 0 ? frac(dev, band.hi) : frac(dev, band.lo);
}

function name(def: CheckDef, label?: string): string {
  return label ? `${def.claim}, ${label}` : def.claim;
}

/** Why a run is too small for `def`'s band, or undefined when it is large enough. */
function tooSmall(def: CheckDef, size: Readonly<Record<string, number>> = {}): string | undefined {
  const short = Object.entries(def.holdsAt ?? {}).filter(([k, min]) => size[k] !== undefined && size[k]! < min);
  if (short.length === 0) return undefined;
  return `needs ${short.map(([k, min]) => `${k} ≥ ${min}`).join(', ')}; ran ${short.map(([k]) => `${k} = ${size[k]}`).join(', ')}`;
}

/** Evaluates one measurement against its table row. */
export function evaluate(def: CheckDef, m: Measurement): FigureCheck {
  const deviation = m.measured - m.target;
  const used = margin(def.band, deviation, m.target);
  const base = {
    id: def.id,
    name: name(def, m.label),
    spec: def.spec,
    measured: m.measured,
    target: m.target,
    tolerance: def.tolerance ?? bandText(def.band),
    deviation,
    margin: used,
  };
  const reason = tooSmall(def, m.size);
  if (reason) return { ...base, pass: false, status: 'not-evaluated', reason };
  const pass = used <= 1;
  return { ...base, pass, status: pass ? 'pass' : 'fail' };
}

/** A check whose input is absent (e.g. a dataset that is not installed): listed, never passed. */
export function notRun(def: CheckDef, reason: string, label?: string): FigureCheck {
  return {
    id: def.id,
    name: name(def, label),
    spec: def.spec,
    measured: NaN,
    target: NaN,
    tolerance: def.tolerance ?? bandText(def.band),
    pass: false,
    status: 'not-run',
    reason,
  };
}

/** Looks up a row by id, so a typo in a stage fails at once rather than dropping a check. */
export function checkTable<const T extends readonly CheckDef[]>(rows: T): Record<T[number]['id'], CheckDef> {
  const table = {} as Record<string, CheckDef>;
  for (const row of rows) {
    if (table[row.id]) throw new Error(`duplicate check id ${row.id}`);
    table[row.id] = row;
  }
  return table as Record<T[number]['id'], CheckDef>;
}
