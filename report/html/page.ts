/**
 * Phase 4 of the report: assemble one self-contained HTML page. The JavaScript
 * of vega, vega-lite and vega-embed and every figure's data are inlined, so the
 * page opens offline from a file:// URL and asks for nothing over the network.
 */
import type { BuiltFigure, RunFacts } from '../build.ts';
import { PAPERS, figureLabel } from '../papers.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { figureSection } from './figure.ts';
import { STYLE } from './style.ts';
import { summarySection } from './summary.ts';
import { esc, scriptJson, shortHash, when } from './text.ts';

/** Source of the three libraries, read by the stage from node_modules. */
export interface PageScripts {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

export function assemblePage(figures: BuiltFigure[], run: RunFacts, scripts: PageScripts): string {
  // The Vega compilations (by vega-lite, in the validate phase) rather than the Vega-Lite specs:
  // the browser then skips compiling, about a third of the render time, and draws exactly what
  // figures/<id>.svg shows. vega-lite is still inlined: vega-embed loads with it.
  const specs = Object.fromEntries(figures.flatMap((f) => (f.vega ? [[f.collected.id, f.vega]] : [])));
  // What a click on a point shows: the params and key of each instance a point names.
  const provenance = Object.fromEntries(
    figures.flatMap((f) => {
      const p = f.collected.implicit;
      if (!p) return [];
      const card = { key: shortHash(p.keyHash), code: shortHash(p.codeHash), made: when(p.finishedAt), params: p.params };
      return [[p.instanceId, card], ...p.inputs.map((u) => [u.id, { key: shortHash(u.keyHash), code: shortHash(u.codeHash), params: u.params }])];
    }),
  );
  const byId = new Map(figures.map((f) => [f.collected.id, f]));
  const papers = PAPERS.map((p) => {
    const figs = p.figures.flatMap((id) => byId.get(id) ?? []);
    return `<section class="paper" id="paper-${p.paper}">
<h2>Paper ${p.paper}. ${esc(p.title)}</h2>
<p class="citation">${esc(p.citation)}</p>
${figs.map((f) => figureSection(f, run)).join('\n')}
</section>`;
  }).join('\n');
  const toc = `<ol class="toc">${PAPERS.flatMap((p) => p.figures)
    .map((id) => {
      const f = byId.get(id);
      const status = f?.collected.status ?? 'missing';
      return `<li><a href="#fig-${id}">${figureLabel(id)}</a> ${esc(f?.collected.explicit?.title ?? '')}${status === 'ok' ? '' : ` <span class="badge ${status === 'stale' ? 'stale' : 'missing'}">${status}</span>`}</li>`;
    })
    .join('')}</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reproduction report — two-layer autoencoders${run.profile ? ` (${esc(run.profile)})` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>Two-layer autoencoders: a reproduction of three papers</h1>
<p class="lede">Every figure sets the theory (lines) against experiments run here (points: mean ± sd over seeds), with the residual between them, the checks the reproduction specs state, and how each result was made.</p>
</header>
${summarySection(figures, run)}
<nav>${toc}</nav>
${papers}
<footer>Made by the <code>report</code> stage of repro. Plotted data: <code>data/&lt;figure&gt;.json</code>; figures for print: <code>figures/&lt;figure&gt;.svg</code>. <span id="library-versions"></span></footer>
</main>
<script>${scripts.vega}</script>
<script>${scripts.vegaLite}</script>
<script>${scripts.vegaEmbed}</script>
<script type="application/json" id="report-specs">${scriptJson(specs)}</script>
<script type="application/json" id="report-provenance">${scriptJson(provenance)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
