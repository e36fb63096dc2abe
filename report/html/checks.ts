/** The checks table: under each figure, and (with a figure column) in the summary at the top. */
import type { FigureCheck } from '../figure-data.ts';
import { esc, num } from './text.ts';

export interface CheckRow {
  figure?: { id: string; label: string; stale: boolean };
  check?: FigureCheck;
  /** A row standing for a figure without a result. */
  missing?: string;
}

export function statusCell(pass: boolean): string {
  return pass ? '<td class="status pass">✓ pass</td>' : '<td class="status fail">✗ fail</td>';
}

export function checksTable(rows: CheckRow[], withFigure: boolean): string {
  const head = `<tr>${withFigure ? '<th>Figure</th>' : ''}<th>Check</th><th class="n">Measured</th><th class="n">Target</th><th class="n">Tolerance</th><th>Status</th></tr>`;
  const body = rows
    .map((r) => {
      const fig = withFigure && r.figure
        ? `<td class="fig"><a href="#fig-${esc(r.figure.id)}">${esc(r.figure.label)}</a>${r.figure.stale ? ' <span class="badge stale">stale</span>' : ''}</td>`
        : '';
      if (r.missing !== undefined || !r.check) {
        return `<tr class="missing">${fig}<td colspan="5">${esc(r.missing ?? '')}</td></tr>`;
      }
      const c = r.check;
      return `<tr class="${c.pass ? 'pass' : 'fail'}">${fig}<td>${esc(c.name)}</td><td class="n">${num(c.measured)}</td><td class="n">${num(c.target)}</td><td class="n">${num(c.tolerance)}</td>${statusCell(c.pass)}</tr>`;
    })
    .join('\n');
  return `<table class="checks"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}
