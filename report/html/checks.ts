/**
 * The checks table: under each figure, and (with a figure column, folded) in the summary.
 * Deviation (measured − target) and margin (the fraction of the tolerance used) are the
 * columns a reader weighs; failures come first. In a comparison, a "then" column holds the
 * value at the earlier revision.
 */
import { byUrgency, checkDeviation, checkMargin, checkStatus } from '../check-status.ts';
import type { CheckStatus, FigureCheck } from '../figure-data.ts';
import { esc, num } from './text.ts';

export interface CheckRow {
  figure?: { id: string; label: string; stale: boolean };
  check?: FigureCheck;
  /** A row standing for a figure without a result. */
  missing?: string;
  /** In a comparison: the same check at the earlier revision (null: it did not exist then). */
  then?: FigureCheck | null;
}

const STATUS: Record<CheckStatus, string> = { pass: '✓ pass', fail: '✗ fail', 'not-evaluated': '– not evaluated', 'not-run': '– not run' };

export function statusCell(c: FigureCheck): string {
  const s = checkStatus(c);
  const title = c.reason ? ` title="${esc(c.reason)}"` : '';
  return `<td class="status ${s}"${title}>${STATUS[s]}</td>`;
}

/** The margin as a number and a bar filled to it (full and red beyond 1). */
export function marginCell(c: FigureCheck): string {
  const m = checkMargin(c);
  if (m === undefined) return '<td class="n muted">—</td>';
  const judged = checkStatus(c) === 'pass' || checkStatus(c) === 'fail';
  const width = Math.round(Math.min(1, m) * 100);
  const text = m === 0 ? '0' : Number.isFinite(m) ? (m >= 100 ? m.toExponential(1) : m.toPrecision(2)) : '∞';
  return `<td class="n margin${m > 1 && judged ? ' over' : ''}"><span class="bar"><i style="width:${width}%"></i></span>${text}</td>`;
}

function value(v: number | string): string {
  return typeof v === 'number' && Number.isNaN(v) ? '<span class="muted">—</span>' : num(v);
}

function thenCell(r: CheckRow): string {
  if (r.then === undefined) return '';
  if (r.then === null) return '<td class="n then muted">new</td>';
  const t = r.then;
  const same = r.check && t.measured === r.check.measured && checkStatus(t) === checkStatus(r.check);
  const status = r.check && checkStatus(t) !== checkStatus(r.check) ? ` <span class="muted">(${STATUS[checkStatus(t)]})</span>` : '';
  return `<td class="n then${same ? ' muted' : ' changed'}">${value(t.measured)}${status}</td>`;
}

export function checksTable(rows: CheckRow[], withFigure: boolean): string {
  const compare = rows.some((r) => r.then !== undefined);
  const head = `<tr>${withFigure ? '<th>Figure</th>' : ''}<th>Check</th>${compare ? '<th class="n">Then</th>' : ''}<th class="n">Measured</th><th class="n">Target</th><th class="n">Deviation</th><th class="n">Tolerance</th><th class="n" title="|deviation| as a fraction of the tolerance: ≤ 1 passes">Margin</th><th>Status</th></tr>`;
  const cols = 7 + (compare ? 1 : 0);
  const sorted = byUrgency(rows, (r) => r.check ?? { name: '', measured: NaN, target: NaN, tolerance: '', pass: false, status: 'not-run' });
  const body = sorted
    .map((r) => {
      const fig = withFigure && r.figure
        ? `<td class="fig"><a href="#fig-${esc(r.figure.id)}">${esc(r.figure.label)}</a>${r.figure.stale ? ' <span class="badge stale">stale</span>' : ''}</td>`
        : '';
      if (r.missing !== undefined || !r.check) return `<tr class="missing">${fig}<td colspan="${cols}">${esc(r.missing ?? '')}</td></tr>`;
      const c = r.check;
      const dev = checkDeviation(c);
      const why = c.reason ? `<div class="reason">${esc(c.reason)}</div>` : '';
      const spec = c.spec ? ` <span class="spec">${esc(c.spec)}</span>` : '';
      return `<tr class="${checkStatus(c)}">${fig}<td>${esc(c.name)}${spec}${why}</td>${thenCell(r)}<td class="n">${value(c.measured)}</td><td class="n">${value(c.target)}</td><td class="n">${dev === undefined ? '<span class="muted">—</span>' : num(dev)}</td><td class="n">${num(c.tolerance)}</td>${marginCell(c)}${statusCell(c)}</tr>`;
    })
    .join('\n');
  return `<table class="checks"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}
