/**
 * Run the report stage on fixture figures with `runStage`: each fixture goes
 * through a one-line figure stage, so the report reads real `Upstream`s.
 */
import { defineStage, type Upstream } from '../../engine/stage.ts';
import { runStage, type StageRun } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import p1e1 from '../../stages/p1-e1.ts';
import type { GdResult } from '../../stages/p1-gd.ts';
import reportStage from '../../stages/report.ts';
import { allFixtures } from './fixtures.ts';

export interface FixtureRunOptions {
  figures?: FigureData[];
  /** Figure ids whose result is an older one marked stale. */
  stale?: string[];
  /** Figure ids to leave out (a failed or missing stage). */
  missing?: string[];
  params?: Record<string, unknown>;
  /** Figure results to use instead of the fixtures' one-line stages, by figure id. */
  results?: Record<string, Upstream>;
}

export async function figureInputs(o: FixtureRunOptions = {}): Promise<Record<string, Upstream[]>> {
  const inputs: Record<string, Upstream[]> = {};
  for (const fig of o.figures ?? allFixtures()) {
    if (o.missing?.includes(fig.id)) continue;
    const given = o.results?.[fig.id];
    if (given) {
      inputs[fig.id] = [given];
      continue;
    }
    const stage = defineStage({ name: fig.id, run: (ctx) => ctx.writeJson('figure.json', fig) });
    const up = await runStage(stage, { params: {} });
    const stale = o.stale?.includes(fig.id) ?? false;
    inputs[fig.id] = [{ ...up, provenance: { ...up.provenance, stale, seconds: 1.5, finishedAt: '2026-11-23T04:10:00.000Z', outputs: { 'figure.json': 'sha256:3f2a9c0d41b7e8aa' } } }];
  }
  return inputs;
}

export async function runFixtureReport(o: FixtureRunOptions = {}): Promise<StageRun> {
  return runStage(reportStage, { params: { seed: 1, profile: 'quick', report: {}, ...o.params }, inputs: await figureInputs(o) });
}

/**
 * The real `p1-e1` figure stage on a gridded stand-in for `p1-gd` (r ∈ {0.5, 2} × seed ∈ {0, 1},
 * made-up risks): a figure whose points come from instances such as `p1-gd[r=0.5,seed=1]`. Its
 * provenance lists those inputs, as the engine's lock file does, so a click can show them.
 */
export async function gridFedFigure(): Promise<Upstream> {
  const gd = defineStage({
    name: 'p1-gd',
    run(ctx) {
      const r = ctx.instance.r as number;
      const seed = ctx.instance.seed as number;
      const lb = r <= 1 ? 1 - (2 * r) / Math.PI : (Math.PI / 2 - 1) / (r + Math.PI / 2 - 1);
      const result: Omit<GdResult, 'trace'> = { r, d: 100, n: r * 100, eta: 0.2, iterations: 1000, risk0: 0.9 - 0.1 * r, risk: lb + 1e-3 * (seed + 1), refreshes: 0 };
      ctx.writeJson('result.json', result);
    },
  });
  const runs: Upstream[] = [];
  for (const r of [0.5, 2]) for (const seed of [0, 1]) runs.push(await runStage(gd, { params: {}, instance: { r, seed } }));
  const fig = await runStage(p1e1, { params: {}, inputs: { 'p1-gd': runs } });
  const inputs = runs.map((u) => ({ id: u.id, keyHash: `k${u.id.length}${u.instance.seed}`, codeHash: 'c0de', params: { 'p1.gd.d': 100 } }));
  return { ...fig, provenance: { ...fig.provenance, keyHash: 'f1e1', codeHash: 'c0de', inputs } };
}
