/** The top of the report: run facts, figure and check counts, and every check of the run. */
import type { BuiltFigure, RunFacts } from '../build.ts';
import { figureLabel } from '../papers.ts';
import { checksTable, type CheckRow } from './checks.ts';
import { esc, seconds, when } from './text.ts';

export function summarySection(figures: BuiltFigure[], run: RunFacts): string {
  const count = (s: string) => figures.filter((f) => f.collected.status === s).length;
  const checks = figures.flatMap((f) => f.collected.explicit?.checks ?? []);
  const passed = checks.filter((c) => c.pass).length;
  const facts: [string, string][] = [
    ['Profile', run.profile ? `<code>${esc(run.profile)}</code>` : '<span class="muted">not recorded</span>'],
    ...(run.tfjsBackend ? ([['tfjs backend', `<code>${esc(run.tfjsBackend)}</code>`]] as [string, string][]) : []),
    ['Machine', esc(run.machine)],
    ['Node.js', esc(run.node)],
    ['Figure stages', `${esc(seconds(run.stageSeconds))} <span class="muted">(sum of recorded run times)</span>`],
    ['Git commit', run.git ? `<code>${esc(run.git.commit.slice(0, 12))}</code>${run.git.dirty ? ' <span class="badge dirty">dirty</span>' : ''}` : '<span class="muted">not a git checkout</span>'],
    ['Generated', esc(when(run.generatedAt))],
  ];
  const rows: CheckRow[] = figures.flatMap((f): CheckRow[] => {
    const figure = { id: f.collected.id, label: figureLabel(f.collected.id), stale: f.collected.status === 'stale' };
    const cs = f.collected.explicit?.checks ?? [];
    if (!f.collected.explicit) return [{ figure, missing: f.collected.status === 'missing' ? 'no result in this run' : 'result unreadable (see the figure)' }];
    return cs.map((check) => ({ figure, check }));
  });
  const failing = rows.filter((r) => r.check && !r.check.pass);
  const failList = failing.length
    ? `<p class="failing"><b>Failing checks:</b> ${failing
        .map((r) => `<a href="#fig-${esc(r.figure!.id)}">${esc(r.figure!.label)}</a> ${esc(r.check!.name)}`)
        .join('; ')}.</p>`
    : '';
  // The checks carry the specs' tolerances, which hold at the paper's sizes; a smaller profile is a smoke run.
  const profileNote =
    run.profile && run.profile !== 'paper'
      ? `<p class="note">This report comes from the <code>${esc(run.profile)}</code> profile, which shrinks dimensions, seeds and iteration counts so the whole pipeline runs in about a minute. The checks keep the specs' tolerances, stated for the paper's sizes, so finite-size effects make some of them fail here. Run <code>npm run reproduce</code> (the <code>paper</code> profile) for the reproduction proper.</p>`
      : '';
  const stat = (n: number, label: string, cls: string) => `<span class="stat ${n ? cls : ''}"><b>${n}</b> ${label}</span>`;
  return `<section class="summary" id="summary">
<h2>Summary</h2>
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
<p class="stats">${stat(count('ok'), 'figures up to date', 'ok')} ${stat(count('stale'), 'stale', 'stale')} ${stat(count('missing') + count('invalid'), 'missing', 'missing')}
 · ${stat(passed, `of ${checks.length} checks pass`, passed === checks.length ? 'ok' : 'fail')}</p>
${profileNote}
${failList}
${checksTable(rows, true)}
</section>`;
}
