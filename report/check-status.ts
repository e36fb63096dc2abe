/**
 * How the report weighs a check: its status, deviation and margin, whether the figure
 * stage wrote them (stages/lib/checks.ts) or an older figure.json has only `pass`.
 * One place, so the tables, the summary, the table chart and the comparison agree.
 */
import type { CheckStatus, FigureCheck } from './figure-data.ts';

/** `status` when present, else `pass` decides (figure.json written before statuses existed). */
export function checkStatus(c: FigureCheck): CheckStatus {
  return c.status ?? (c.pass ? 'pass' : 'fail');
}

/** True for pass and fail: the checks judged at a size where the spec's tolerance holds. */
export const isJudged = (s: CheckStatus) => s === 'pass' || s === 'fail';

/** measured − target, when both are numbers (written or derived). */
export function checkDeviation(c: FigureCheck): number | undefined {
  if (typeof c.deviation === 'number' && Number.isFinite(c.deviation)) return c.deviation;
  return typeof c.target === 'number' && Number.isFinite(c.target) && Number.isFinite(c.measured) ? c.measured - c.target : undefined;
}

/**
 * The fraction of the tolerance used (≤ 1 inside): as written by the stage, else
 * |deviation| / tolerance for a numeric symmetric tolerance, else undefined.
 */
export function checkMargin(c: FigureCheck): number | undefined {
  if (typeof c.margin === 'number' && !Number.isNaN(c.margin)) return c.margin;
  const dev = checkDeviation(c);
  return dev !== undefined && typeof c.tolerance === 'number' && c.tolerance > 0 ? Math.abs(dev) / c.tolerance : undefined;
}

const ORDER: Record<CheckStatus, number> = { fail: 0, 'not-run': 1, 'not-evaluated': 2, pass: 3 };

/** Failures first, then not run, not evaluated, passes; within each, the largest margin first. */
export function byUrgency<T>(items: readonly T[], check: (t: T) => FigureCheck): T[] {
  const m = (t: T) => checkMargin(check(t)) ?? -1;
  return items
    .map((t, i) => ({ t, i }))
    .sort((a, b) => ORDER[checkStatus(check(a.t))] - ORDER[checkStatus(check(b.t))] || m(b.t) - m(a.t) || a.i - b.i)
    .map(({ t }) => t);
}

export interface CheckCounts {
  total: number;
  pass: number;
  fail: number;
  notEvaluated: number;
  notRun: number;
  /** Largest margin among judged checks (pass/fail), if any has one. */
  worstMargin?: number;
}

export function countChecks(checks: readonly FigureCheck[]): CheckCounts {
  const s = checks.map(checkStatus);
  const margins = checks.flatMap((c, i) => (isJudged(s[i]!) ? [checkMargin(c)] : [])).filter((m): m is number => m !== undefined);
  return {
    total: checks.length,
    pass: s.filter((x) => x === 'pass').length,
    fail: s.filter((x) => x === 'fail').length,
    notEvaluated: s.filter((x) => x === 'not-evaluated').length,
    notRun: s.filter((x) => x === 'not-run').length,
    ...(margins.length ? { worstMargin: Math.max(...margins) } : {}),
  };
}

/**
 * Each check's identity across runs, in order: its stable id (with `#k` for the k-th of
 * several checks sharing one, e.g. one per r), else its name.
 */
export function checkKeys(checks: readonly FigureCheck[]): string[] {
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const c of checks) if (c.id) total.set(c.id, (total.get(c.id) ?? 0) + 1);
  return checks.map((c) => {
    if (!c.id) return `name:${c.name}`;
    const k = seen.get(c.id) ?? 0;
    seen.set(c.id, k + 1);
    return total.get(c.id) === 1 ? c.id : `${c.id}#${k}`;
  });
}
