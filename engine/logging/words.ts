/** Every user-facing sentence about reasons and outcomes, in one place. */
import type { StaleReason, UpstreamChange } from '../cues.ts';
import type { Eta } from './eta.ts';
import { unreachable } from '../events.ts';

const j = (v: unknown) => JSON.stringify(v);

/** One line per reason, e.g. `params.p1.lr 0.1→0.2`. */
export function describeReason(r: StaleReason): string[] {
  switch (r.type) {
    case 'forced':
      return ['--force'];
    case 'never-built':
      return ['never built'];
    case 'code':
      if (!r.known) return ['code changed (no local record of the earlier code to compare with)'];
      if (!r.files.length && !r.packages.length) return ['code: the bundle changed (engine store format or build settings)'];
      return [
        ...r.files.map((f) => `code: ${f} changed`),
        ...r.packages.map((p) => `code: package ${p.name} ${p.from ?? '(none)'}→${p.to ?? '(none)'}`),
      ];
    case 'params':
      return r.changes.map((c) => `params.${c.path} ${j(c.from)}→${j(c.to)}`);
    case 'upstream':
      return r.changes.map((c) => upstreamLine(c.id, c.change));
    case 'files':
      return r.files.map((f) => `file ${f} changed`);
    case 'platform':
      return [`platform ${r.from}→${r.to}`];
    case 'not-cached':
      return ['not in the local cache (repro.lock.json names a result this machine never had)'];
    case 'outputs-missing':
      return [`outputs no longer in the local store (removed by gc or verify): ${r.names.join(', ')}`];
    case 'outputs-corrupt':
      return [`outputs corrupt in the store (failed their hash check on read): ${r.names.join(', ')}`];
    default:
      return unreachable(r);
  }
}

const UPSTREAM: Record<UpstreamChange, string> = {
  changed: 'outputs changed',
  added: 'added',
  removed: 'removed',
  pending: 'will rerun first (this one reruns only if its outputs change)',
};

/** `upstream <id>: …`, for a change or for an upstream that did not change. */
export const upstreamLine = (id: string, change: UpstreamChange | 'unchanged') => `upstream ${id}: ${change === 'unchanged' ? 'unchanged' : UPSTREAM[change]}`;

export const headline = (r: StaleReason) => describeReason(r)[0] ?? r.type;

/** The overall live line, e.g. `62/277 settled, 2 running, 5 queued, 11.7s elapsed, ~4m10s left (+1 untimed)`. */
export function progressLine(p: { done: number; total: number; running: number; queued: number; elapsed: number; eta: Eta }): string {
  const left = p.eta.seconds > 0 ? `, ~${formatSeconds(p.eta.seconds)} left` : '';
  const untimed = p.eta.untimed ? ` (+${p.eta.untimed} never timed)` : '';
  return `${p.done}/${p.total} settled, ${p.running} running, ${p.queued} queued, ${formatSeconds(p.elapsed)} elapsed${left}${untimed}`;
}

export function formatSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - 60 * m)).padStart(2, '0')}s`;
}
