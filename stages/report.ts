/**
 * The report: every figure of the three papers in one self-contained page,
 * `reports/index.html`, plus `reports/data/<id>.json` (the plotted data) and
 * `reports/figures/<id>.svg` (rendered server-side). Figure stages are optional
 * dependencies: a partial run renders what exists and marks what is missing or stale.
 *
 * Params read: `profile` (shown at the top; each profile of params.json sets its own name, absent in tests).
 */
import { defineStage, type StageContext } from '../engine/stage.ts';
import { buildReport, type RunFacts } from '../report/build.ts';
import { collectFigures } from '../report/collect.ts';
import { LIBRARIES, readScripts, runFacts, VEGA_LITE_SCHEMA } from '../report/run-facts.ts';
import { FIGURE_IDS } from '../report/papers.ts';

/** Project-relative paths are resolved against the working directory, which the engine and `npm test` set to the project root. */
const root = () => process.cwd();

export default defineStage({
  name: 'report',
  description: 'One offline HTML page with every figure (theory vs experiment, residuals, checks, provenance).',
  optionalDeps: FIGURE_IDS,
  files: [...Object.values(LIBRARIES), VEGA_LITE_SCHEMA],
  publish: 'reports',
  async run(ctx) {
    const figures = collectFigures((id) => ctx.inputs(id));
    const run = runFacts(figures, ctx.params.profile, await gitFacts(ctx));
    ctx.progress(0.1, 'building figures');
    const scripts = readScripts(root());
    const out = await buildReport(figures, run, scripts);
    for (const [id, plot] of out.data) ctx.writeJson(`data/${id}.json`, plot);
    for (const [id, svg] of out.svgs) ctx.writeFile(`figures/${id}.svg`, svg);
    ctx.writeFile('index.html', out.html);
    const count = (s: string) => figures.filter((f) => f.status === s).length;
    ctx.log(`${out.figures.filter((f) => f.spec).length} charts; ${count('stale')} stale, ${count('missing') + count('invalid')} missing; ${(out.html.length / 1e6).toFixed(2)} MB`);
    ctx.record({ htmlBytes: out.html.length, figuresMissing: count('missing') + count('invalid'), figuresStale: count('stale') });
  },
});

/** The commit and a dirty mark, or nothing outside a git checkout (or without git). */
async function gitFacts(ctx: StageContext): Promise<RunFacts['git']> {
  try {
    const commit = (await ctx.$`git -C ${root()} rev-parse HEAD`).stdout.trim();
    // The lock files (repro.lock.json, repro.<profile>.lock.json) change during every run that builds something: they do not make the code dirty.
    const status = (await ctx.$`git -C ${root()} status --porcelain --untracked-files=no -- . ${':!repro*.lock.json'}`).stdout.trim();
    return { commit, dirty: status.length > 0 };
  } catch {
    return undefined;
  }
}
