/**
 * The report: every figure of the three papers in one self-contained page,
 * `reports/index.html`, plus `reports/data/<id>.json` (the plotted data) and
 * `reports/figures/<id>.svg` (rendered server-side). Figure stages are optional
 * dependencies: a partial run renders what exists and marks what is missing or stale.
 *
 * Params read: `profile` (shown at the top; each profile of params.json sets its own name, absent in tests).
 */
import { readFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { defineStage, type StageContext } from '../engine/stage.ts';
import { buildReport, type RunFacts } from '../report/build.ts';
import { collectFigures, type CollectedFigure } from '../report/collect.ts';
import { FIGURE_IDS } from '../report/papers.ts';

/** Inlined into the page (and the schema every spec is checked against): their hashes enter the key. */
const LIBRARIES = {
  vega: 'node_modules/vega/build/vega.min.js',
  vegaLite: 'node_modules/vega-lite/build/vega-lite.min.js',
  vegaEmbed: 'node_modules/vega-embed/build/vega-embed.min.js',
} as const;
const SCHEMA = 'node_modules/vega-lite/build/vega-lite-schema.json';

/** Project-relative paths are resolved against the working directory, which the engine and `npm test` set to the project root. */
const root = () => process.cwd();

export default defineStage({
  name: 'report',
  description: 'One offline HTML page with every figure (theory vs experiment, residuals, checks, provenance).',
  optionalDeps: FIGURE_IDS,
  files: [...Object.values(LIBRARIES), SCHEMA],
  publish: 'reports',
  async run(ctx) {
    const figures = collectFigures((id) => ctx.inputs(id));
    const run = await runFacts(ctx, figures);
    ctx.progress(0.1, 'building figures');
    const scripts = {
      vega: readFileSync(resolve(root(), LIBRARIES.vega), 'utf8'),
      vegaLite: readFileSync(resolve(root(), LIBRARIES.vegaLite), 'utf8'),
      vegaEmbed: readFileSync(resolve(root(), LIBRARIES.vegaEmbed), 'utf8'),
    };
    const out = await buildReport(figures, run, scripts);
    for (const [id, plot] of out.data) ctx.writeJson(`data/${id}.json`, plot);
    for (const [id, svg] of out.svgs) ctx.writeFile(`figures/${id}.svg`, svg);
    ctx.writeFile('index.html', out.html);
    const count = (s: string) => figures.filter((f) => f.status === s).length;
    ctx.log(`${out.figures.filter((f) => f.spec).length} charts; ${count('stale')} stale, ${count('missing') + count('invalid')} missing; ${(out.html.length / 1e6).toFixed(2)} MB`);
    ctx.record({ htmlBytes: out.html.length, figuresMissing: count('missing') + count('invalid'), figuresStale: count('stale') });
  },
});

async function runFacts(ctx: StageContext, figures: CollectedFigure[]): Promise<RunFacts> {
  const profile: unknown = ctx.params.profile;
  const backendOf = (facts: Readonly<Record<string, string | number | boolean>>) => facts.compute ?? facts.tfjsBackend;
  const backends = [...new Set(figures.flatMap((f) => (f.implicit && backendOf(f.implicit.facts) ? [String(backendOf(f.implicit.facts))] : [])))];
  const cpu = cpus();
  return {
    ...(typeof profile === 'string' ? { profile } : {}),
    ...(backends.length ? { tfjsBackend: backends.join(', ') } : {}),
    machine: `${platform()} ${arch()}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM`,
    node: process.version,
    stageSeconds: figures.reduce((s, f) => s + (f.implicit?.seconds ?? 0), 0),
    ...(await gitFacts(ctx)),
    generatedAt: new Date().toISOString(),
  };
}

/** The commit and a dirty mark, or nothing outside a git checkout (or without git). */
async function gitFacts(ctx: StageContext): Promise<Pick<RunFacts, 'git'>> {
  try {
    const commit = (await ctx.$`git -C ${root()} rev-parse HEAD`).stdout.trim();
    // repro.lock.json changes during every run that builds something: it does not make the code dirty.
    const status = (await ctx.$`git -C ${root()} status --porcelain --untracked-files=no -- . ${':!repro.lock.json'}`).stdout.trim();
    return { git: { commit, dirty: status.length > 0 } };
  } catch {
    return {};
  }
}
