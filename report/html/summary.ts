/**
 * The top of the report: run facts, one row per figure (checks passed, worst margin,
 * stale/missing), the failing checks with links, and every check folded underneath.
 */
import type { BuiltFigure, RunFacts } from '../build.ts';
import { checkStatus, countChecks, type CheckCounts } from '../check-status.ts';
import { figureLabel } from '../papers.ts';
import { checksTable, type CheckRow } from './checks.ts';
import { esc, seconds, when } from './text.ts';

export function summarySection(figures: BuiltFigure[], run: RunFacts): string {
  const count = (s: string) => figures.filter((f) => f.collected.status === s).length;
  const all = countChecks(figures.flatMap((f) => f.collected.explicit?.checks ?? []));
  const facts: [string, string][] = [
    ['Profile', run.profile ? `<code>${esc(run.profile)}</code>` : '<span class="muted">not recorded</span>'],
    ...(run.compute ? ([['Compute backend', `<code>${esc(run.compute)}</code>`]] as [string, string][]) : []),
    ['Machine', esc(run.machine)],
    ['Node.js', esc(run.node)],
    ['Figure stages', `${esc(seconds(run.stageSeconds))} <span class="muted">(sum of recorded run times)</span>`],
    ['Git commit', run.git ? `<code>${esc(run.git.commit.slice(0, 12))}</code>${run.git.dirty ? ' <span class="badge dirty">dirty</span>' : ''}` : '<span class="muted">not a git checkout</span>'],
    ['Generated', esc(when(run.generatedAt))],
  ];
  const rows: CheckRow[] = figures.flatMap((f): CheckRow[] => {
    const figure = { id: f.collected.id, label: figureLabel(f.collected.id), stale: f.collected.status === 'stale' };
    if (!f.collected.explicit) return [{ figure, missing: f.collected.status === 'missing' ? 'no result in this run' : 'result unreadable (see the figure)' }];
    return f.collected.explicit.checks.map((check, i) => ({ figure, check, ...(f.compare ? { then: f.compare.thenChecks[i] ?? null } : {}) }));
  });
  const failing = rows.filter((r) => r.check && checkStatus(r.check) === 'fail');
  const failList = failing.length
    ? `<div class="failing"><b>Failing checks (${failing.length}):</b><ul>${failing
        .map((r) => `<li><a href="#fig-${esc(r.figure!.id)}">${esc(r.figure!.label)}</a> ${esc(r.check!.name)}</li>`)
        .join('')}</ul></div>`
    : '';
  // The checks carry the specs' tolerances, which hold at the paper's sizes; a smaller profile is a smoke run.
  const profileNote =
    run.profile && run.profile !== 'paper'
      ? `<p class="note">This report comes from the <code>${esc(run.profile)}</code> profile, which shrinks dimensions, seeds and iteration counts so the whole pipeline runs in about a minute. A check whose tolerance the spec states for a larger size is shown <i>not evaluated</i> with its value; checks written without that size still use the paper's tolerances, so finite-size effects can make them fail here. Run <code>npm run reproduce</code> (the <code>paper</code> profile) for the reproduction proper.</p>`
      : '';
  const stat = (n: number, label: string, cls: string) => `<span class="stat ${n ? cls : ''}"><b>${n}</b> ${label}</span>`;
  const unjudged = all.notEvaluated + all.notRun;
  return `<section class="summary" id="summary">
<h2>Summary</h2>
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
<p class="stats">${stat(count('ok'), 'figures up to date', 'ok')} ${stat(count('stale'), 'stale', 'stale')} ${stat(count('missing') + count('invalid'), 'missing', 'missing')}
 · ${stat(all.pass, `of ${all.pass + all.fail} judged checks pass`, all.fail ? 'fail' : 'ok')}${unjudged ? ` · ${stat(unjudged, `not judged (${all.notEvaluated} not evaluated at this size, ${all.notRun} not run)`, 'stale')}` : ''}</p>
${profileNote}
${changedSection(figures)}
${failList}
${figureTable(figures)}
<details class="all-checks"><summary>All ${all.total} checks, failures first</summary>
${checksTable(rows, true)}
</details>
</section>`;
}

/** One row per figure: its checks at a glance. */
function figureTable(figures: BuiltFigure[]): string {
  const body = figures
    .map((f) => {
      const { id, status } = f.collected;
      const data = f.collected.explicit;
      const c = countChecks(data?.checks ?? []);
      const state =
        status === 'ok' ? '' : `<span class="badge ${status === 'stale' ? 'stale' : 'missing'}">${status === 'invalid' ? 'unreadable' : status}</span>`;
      const changed = f.compare?.changed ? ' <span class="badge changed">changed</span>' : '';
      return `<tr class="${c.fail ? 'fail' : ''}${data ? '' : ' missing'}"><td class="fig"><a href="#fig-${esc(id)}">${esc(figureLabel(id))}</a></td><td>${esc(data?.title ?? '')}</td><td class="n">${passedCell(c)}</td><td class="n">${worst(c)}</td><td>${state}${changed}</td></tr>`;
    })
    .join('\n');
  return `<table class="checks figures"><thead><tr><th>Figure</th><th>Title</th><th class="n">Checks passed</th><th class="n" title="largest |deviation| / tolerance among judged checks">Worst margin</th><th>State</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function passedCell(c: CheckCounts): string {
  if (!c.total) return '<span class="muted">no checks</span>';
  const judged = c.pass + c.fail;
  const extra = [c.notEvaluated ? `${c.notEvaluated} not evaluated` : '', c.notRun ? `${c.notRun} not run` : ''].filter(Boolean).join(', ');
  return `<span class="${c.fail ? 'fail' : 'pass'}">${c.pass}/${judged}</span>${extra ? ` <span class="muted">(${extra})</span>` : ''}`;
}

function worst(c: CheckCounts): string {
  // A failure stated without a numeric tolerance has no margin, but it is over its tolerance all the same.
  if (c.fail && (c.worstMargin === undefined || c.worstMargin <= 1)) return '<span class="fail" title="a failing check states no numeric tolerance">&gt; 1</span>';
  if (c.worstMargin === undefined) return '<span class="muted">—</span>';
  const m = c.worstMargin;
  return `<span class="${m > 1 ? 'fail' : 'pass'}">${m === 0 ? '0' : Number.isFinite(m) ? m.toPrecision(2) : '∞'}</span>`;
}

/** In a comparison: which figures changed since the earlier revision, and which it could not find. */
function changedSection(figures: BuiltFigure[]): string {
  const compared = figures.filter((f) => f.compare);
  if (!compared.length) return '';
  const rev = compared[0]!.compare!.rev;
  const link = (f: BuiltFigure) => `<a href="#fig-${esc(f.collected.id)}">${esc(figureLabel(f.collected.id))}</a>`;
  const changed = compared.filter((f) => f.compare!.found && f.compare!.changed);
  const lost = compared.filter((f) => !f.compare!.found);
  const same = compared.length - changed.length - lost.length;
  const items = changed.map((f) => {
    const series = f.compare!.changedSeries;
    return `<li>${link(f)} ${series.length ? `data of ${series.map((s) => `“${esc(s)}”`).join(', ')}` : 'check values'}</li>`;
  });
  const missing = lost.map((f) => `<li>${link(f)} <span class="muted">${esc(f.compare!.reason ?? '')}</span></li>`);
  return `<div class="compare-summary" id="changed">
<p><b>Compared with <code>${esc(rev)}</code>:</b> ${changed.length} figure${changed.length === 1 ? '' : 's'} changed, ${same} unchanged${lost.length ? `, ${lost.length} not comparable` : ''}. Earlier data are drawn in grey where they differ; nothing was rerun to compare.</p>
${items.length ? `<ul class="changed">${items.join('')}</ul>` : ''}
${missing.length ? `<p>Not comparable (nothing at <code>${esc(rev)}</code> to compare with):</p><ul class="lost">${missing.join('')}</ul>` : ''}
</div>`;
}
