/**
 * Run the report stage on fixture figures with `runStage`: each fixture goes
 * through a one-line figure stage, so the report reads real `Upstream`s.
 */
import { defineStage, type Upstream } from '../../engine/stage.ts';
import { runStage, type StageRun } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import reportStage from '../../stages/report.ts';
import { allFixtures } from './fixtures.ts';

export interface FixtureRunOptions {
  figures?: FigureData[];
  /** Figure ids whose result is an older one marked stale. */
  stale?: string[];
  /** Figure ids to leave out (a failed or missing stage). */
  missing?: string[];
  params?: Record<string, unknown>;
}

export async function figureInputs(o: FixtureRunOptions = {}): Promise<Record<string, Upstream[]>> {
  const inputs: Record<string, Upstream[]> = {};
  for (const fig of o.figures ?? allFixtures()) {
    if (o.missing?.includes(fig.id)) continue;
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
