/** Every user-facing sentence about reasons and outcomes, in one place. */
import type { StaleReason } from '../cues.ts';
import { unreachable } from '../events.ts';

const j = (v: unknown) => JSON.stringify(v);

/** One line per reason, e.g. `params.p1.lr 0.1→0.2`. */
export function describeReason(r: StaleReason): string[] {
  switch (r.type) {
    case 'never-built':
      return ['never built with these inputs'];
    case 'code':
      return r.files.length ? r.files.map((f) => `code: ${f} changed`) : ['code: bundle or package versions changed'];
    case 'params':
      return r.changes.map((c) => `params.${c.path} ${j(c.from)}→${j(c.to)}`);
    case 'upstream':
      return r.changes.map((c) => `upstream ${c.id}: ${c.change === 'changed' ? 'outputs changed' : c.change}`);
    case 'files':
      return r.files.map((f) => `file ${f} changed`);
    case 'platform':
      return [`platform ${r.from}→${r.to}`];
    case 'outputs-missing':
      return [`outputs missing or corrupt in the store: ${r.names.join(', ')}`];
    case 'forced':
      return ['--force'];
    default:
      return unreachable(r);
  }
}

export const headline = (r: StaleReason) => describeReason(r)[0] ?? r.type;

export function formatSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - 60 * m)).padStart(2, '0')}s`;
}
