/**
 * One figure's section: heading with badges, the claim, the chart container,
 * a caption saying how to read it, the checks, the notes, and the provenance
 * footnote (what the engine knows about how the result was made).
 */
import type { BuiltFigure, RunFacts } from '../build.ts';
import type { FigureData } from '../figure-data.ts';
import type { FigureProvenance } from '../collect.ts';
import * as message from '../messages.ts';
import { figureLabel } from '../papers.ts';
import { countChecks } from '../check-status.ts';
import { checksTable } from './checks.ts';
import { esc, seconds, shortHash, when } from './text.ts';

export function figureSection(f: BuiltFigure, run: RunFacts): string {
  const { id, status } = f.collected;
  const data = f.collected.explicit;
  const label = `Figure ${figureLabel(id)}`;
  const badges = [
    status === 'stale' ? '<span class="badge stale" title="inputs changed since this result was made">stale</span>' : '',
    status === 'missing' ? '<span class="badge missing">missing</span>' : '',
    status === 'invalid' ? '<span class="badge missing">unreadable</span>' : '',
    data && data.checks.length ? checkBadge(data.checks) : '',
    f.compare ? compareBadge(f) : '',
  ].join('');
  const parts = [`<h3><span class="figno">${esc(label)}</span> ${esc(data?.title ?? '')} ${badges}</h3>`];
  if (data) parts.push(`<p class="claim">${esc(data.claim)}</p>`);
  if (f.vega) parts.push(`<div class="view" data-figure-view="${esc(id)}" role="img" aria-label="${esc(`${label}: ${data?.title ?? ''}`)}"></div>`);
  if (f.plot && f.vega) parts.push(`<p class="caption"><b>${esc(label)}.</b> ${esc(caption(f))}</p>`);
  if (f.compare?.found && f.compare.overlay.length && f.vega) parts.push(`<p class="caption compare">Grey (dashed lines, open circles): the data at <code>${esc(f.compare.rev)}</code> where they differ from now.</p>`);
  if (f.compare && !f.compare.found) parts.push(`<p class="note">Not compared with <code>${esc(f.compare.rev)}</code>: ${esc(f.compare.reason ?? '')}</p>`);
  if (data) {
    const rows = data.checks.map((check, i) => ({ check, ...(f.compare ? { then: f.compare.thenChecks[i] ?? null } : {}) }));
    parts.push(data.checks.length ? checksTable(rows, false) : `<p class="muted small">${esc(message.noChecks)}</p>`);
  }
  if (f.notes.length) parts.push(`<ul class="notes">${f.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (f.collected.implicit) parts.push(provenance(f.collected.implicit, run));
  return `<section class="figure ${status}" id="fig-${esc(id)}" data-figure="${esc(id)}" data-status="${status}">\n${parts.join('\n')}\n</section>`;
}

function checkBadge(checks: FigureData['checks']): string {
  const c = countChecks(checks);
  const judged = c.pass + c.fail;
  const unjudged = c.total - judged;
  const main = judged ? `<span class="badge ${c.fail ? 'fail' : 'pass'}">${c.pass}/${judged} checks pass</span>` : '';
  return main + (unjudged ? `<span class="badge unjudged" title="not evaluated at this size, or not run">${unjudged} not judged</span>` : '');
}

function compareBadge(f: BuiltFigure): string {
  const c = f.compare!;
  if (!c.found) return '<span class="badge missing" title="nothing to compare with">not compared</span>';
  return c.changed ? `<span class="badge changed">changed since ${esc(c.rev)}</span>` : '';
}

function caption(f: BuiltFigure): string {
  const plot = f.plot!;
  switch (plot.kind) {
    case 'curves': {
      const hasTheory = plot.rows.some((r) => r.kind === 'theory');
      const hasExp = plot.rows.some((r) => r.kind === 'experiment');
      const exp = plot.rows.filter((r) => r.kind === 'experiment');
      const seeds = [...new Set(exp.map((r) => r.n))];
      // A bar is drawn only where there is a spread: one seed is a single run, with nothing to draw.
      const bars = exp.some((r) => r.y_lo !== undefined && r.y_hi !== undefined && r.y_hi > r.y_lo);
      const single = seeds.length === 1 && seeds[0] === 1;
      const over = seeds.length === 1 && seeds[0] !== undefined ? `${seeds[0]} seeds` : 'seeds (number in the tooltip)';
      return [
        hasTheory ? 'Lines: theory.' : '',
        hasExp ? `Points: experiment, ${single ? 'single run' : bars ? `mean ± sd over ${over} (bars)` : `mean over ${over}`}; hover for the value and its instance, click for its params and key.` : '',
        plot.residuals.length ? 'Lower panel: residual, experiment minus its reference curve at the same x (the legend’s “vs”, or the one theory curve; dashed: zero).' : '',
        plot.x.scale === 'log' || plot.y.scale === 'log' ? `Log scale on ${[plot.x.scale === 'log' ? 'x' : '', plot.y.scale === 'log' ? 'y' : ''].filter(Boolean).join(' and ')}.` : '',
      ].filter(Boolean).join(' ');
    }
    case 'heatmap':
      return `Colour: value at each (${plot.x.label}, ${plot.y.label}); one colour scale for all panels.`;
    case 'table':
      return 'Each numeric check as (measured − target) / tolerance; it passes inside the shaded band [−1, 1].';
  }
}

function provenance(p: FigureProvenance, run: RunFacts): string {
  const outputs = p.outputs.map((o) => `${esc(o.name)} <code>${esc(shortHash(o.hash))}</code>`).join(', ');
  const git = run.git ? `<code>${esc(run.git.commit.slice(0, 10))}</code>${run.git.dirty ? ' <span class="badge dirty" title="uncommitted changes in the working tree">dirty</span>' : ''}` : esc(message.noGit);
  const params = Object.entries(p.params);
  const paramList = params.length
    ? `<details><summary>${params.length} param${params.length === 1 ? '' : 's'} read</summary><table class="params">${params
        .map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td><code>${esc(JSON.stringify(v))}</code></td></tr>`)
        .join('')}</table></details>`
    : '<span class="muted">no params read</span>';
  return `<div class="provenance">
<span>stage <code>${esc(p.instanceId)}</code></span>
<span>key <code>${esc(shortHash(p.keyHash))}</code></span>
<span>code <code>${esc(shortHash(p.codeHash))}</code>${p.codeFiles.length ? ` (${p.codeFiles.length} files)` : ''}</span>
<span>outputs ${outputs || '<span class="muted">none recorded</span>'}</span>
<span>made ${esc(when(p.finishedAt))} in ${esc(seconds(p.seconds))}</span>
<span>commit ${git}</span>
${paramList}
</div>`;
}
