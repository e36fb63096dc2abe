/**
 * Per-instance resources (`StageDef.resources`), checked and normalised when planning,
 * and the default time limit from recorded durations.
 */
import type { InstanceParams, StageDef, StageResources } from '../stage.ts';
import type { Resources } from './types.ts';

const UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** '90s', '20m', '2h', '1:30:00' (h:m:s), '5:00' (m:s), or a number of seconds. */
export function parseDuration(v: number | string): number | undefined {
  if (typeof v === 'number') return v > 0 && Number.isFinite(v) ? v : undefined;
  const unit = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d)\s*$/.exec(v);
  if (unit) return Number(unit[1]) * UNITS[unit[2]!]!;
  const clock = /^(?:(\d+):)?(\d+):(\d+)$/.exec(v.trim());
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return undefined;
}

/** A stage's resources for one grid point; throws a one-line error naming the field. */
export function resourcesFor(def: StageDef, instance: InstanceParams): Resources | undefined {
  if (!def.resources) return undefined;
  let r: StageResources;
  try {
    r = typeof def.resources === 'function' ? def.resources(instance) : def.resources;
  } catch (e) {
    throw new Error(`${def.name}: resources(instance) threw: ${(e as Error).message}`);
  }
  const out: Resources = {};
  const whole = (field: 'cpus' | 'memMB') => {
    const v = r[field];
    if (v === undefined) return;
    if (!Number.isInteger(v) || v < 1) throw new Error(`${def.name}: resources.${field} is ${JSON.stringify(v)}; expected a whole number ≥ 1`);
    out[field] = v;
  };
  whole('cpus');
  whole('memMB');
  if (r.time !== undefined) {
    const t = parseDuration(r.time);
    if (t === undefined) throw new Error(`${def.name}: resources.time is ${JSON.stringify(r.time)}; expected seconds or a duration such as '90s', '20m', '2h', '1:30:00'`);
    out.timeSeconds = t;
  }
  return out;
}

export interface TimePolicy {
  /** Limit = factor × recorded duration… */
  factor: number;
  /** …but at least this many seconds. */
  minSeconds: number;
  /** Limit of an instance that never ran. */
  defaultSeconds: number;
}

export const DEFAULT_TIME_POLICY: TimePolicy = { factor: 3, minSeconds: 300, defaultSeconds: 3600 };

/** The time limit of one instance: declared, else a multiple of its recorded duration. */
export function timeLimit(declared: number | undefined, expected: number | undefined, p: TimePolicy): number {
  if (declared !== undefined) return declared;
  if (expected === undefined) return p.defaultSeconds;
  return Math.max(p.minSeconds, Math.ceil(p.factor * expected));
}

/** SLURM's `--time` format: D-HH:MM:SS. */
export function slurmTime(seconds: number): string {
  const s = Math.ceil(seconds);
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((x) => String(x).padStart(2, '0')).join(':');
  return d ? `${d}-${hms}` : hms;
}
