/**
 * Glue shared by the Paper 3 stages: run one online-SGD instance on the canonical spectrum and
 * serialise its trajectory; small figure helpers (log-spaced times, seed statistics, checks).
 * No science here: formulas live in science/p3.
 */
import type { FigureCheck } from '../../report/figure-data.ts';
import { evaluate, type Measurement } from './checks.ts';
import { P3_CHECKS } from './checks-p3.ts';
import type { StageContext, Upstream } from '../../engine/stage.ts';
import { createRng } from '../../science/numerics/rng.ts';
import { stageCompute } from './compute.ts';
import { blockOfCoordinate, canonicalSpectrum, type Activation } from '../../science/p3/index.ts';
import { onlineSgd, sampleRows, type DataSource, type SgdTrajectory } from '../../science/p3/sgd/index.ts';
export { meanSd, pointRow } from './figure-rows.ts';

/** The JSON written by every SGD instance stage (`trajectory.json`). */
export interface TrajectoryJson {
  t: number[];
  c: number[][];
  gNet: number[][];
  R: number[];
  steps: number;
}

/** The trajectory as written: a pure function of the instance's inputs (no timings, no backend name). */
export function toJson(r: SgdTrajectory, steps: number): TrajectoryJson {
  return { t: Array.from(r.t), c: r.c.map((x) => Array.from(x)), gNet: r.gNet.map((x) => Array.from(x)), R: Array.from(r.R), steps };
}

/** Wall time and throughput of the SGD steps go to the manifest (`ctx.record`), never into outputs. */
export function recordTiming(ctx: StageContext, r: SgdTrajectory, steps: number, flopsPerStep: number): void {
  const gflops = (flopsPerStep * steps) / r.stepSeconds / 1e9;
  ctx.record({ sgdSteps: steps, sgdStepSeconds: Number(r.stepSeconds.toFixed(3)), sgdGflops: Number(gflops.toFixed(2)) });
  ctx.log(`${steps} steps in ${r.stepSeconds.toFixed(1)} s (${gflops.toFixed(1)} GFLOP/s effective)`);
}

export interface GaussianRun {
  d: number;
  N: number;
  eps: number;
  B: number;
  T: number;
  lambda: number;
  act: Activation;
}

/** Online SGD on the canonical spectrum (P3 §1.1, §1.5); params read: p3.r0, p3.testSize, p3.recordDt. */
export async function runCanonicalSgd(ctx: StageContext, run: GaussianRun): Promise<TrajectoryJson> {
  /** p3.r0: initial scale; p3.testSize: fixed test set for R and g^net; p3.recordDt: time between records. */
  const r0: number = ctx.params.p3.r0;
  const testSize: number = ctx.params.p3.testSize;
  const recordDt: number = ctx.params.p3.recordDt;
  const compute = await stageCompute(ctx);
  const s = canonicalSpectrum();
  const groups = blockOfCoordinate(s, run.d);
  const src: DataSource = { kind: 'gaussian', std: Float64Array.from(groups, (k) => Math.sqrt(s.levels[k]! / run.d)) };
  const rng = createRng(ctx.seed);
  const test = sampleRows(src, rng, new Float32Array(testSize * run.d));
  const steps = Math.round(run.T / run.eps);
  const recordEvery = Math.max(1, Math.round(recordDt / run.eps));
  const r = await onlineSgd(compute, src, rng, { N: run.N, activation: run.act, eps: run.eps, batch: run.B, lambda: run.lambda, r0, steps, recordEvery, test, groups, onProgress: (f) => ctx.progress(f) });
  recordTiming(ctx, r, steps, 10 * run.B * run.N * run.d);
  return toJson(r, steps);
}

/** n log-spaced times in [a, b]. */
export function logTimes(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a * (b / a) ** (i / (n - 1)));
}

/** Index of the record closest to time t. */
export function indexAt(t: readonly number[], target: number): number {
  let best = 0;
  for (let i = 1; i < t.length; i++) if (Math.abs(t[i]! - target) < Math.abs(t[best]! - target)) best = i;
  return best;
}

/** Evaluates one measurement against its row of Paper 3's check table. */
export function p3Check(id: keyof typeof P3_CHECKS, m: Measurement): FigureCheck {
  return evaluate(P3_CHECKS[id], m);
}

/** Log-spaced subset of record indices with t ≥ tMin (for log-time axes). */
export function logSubset(t: readonly number[], tMin: number, n: number): number[] {
  const pos = t.map((x, i) => [x, i] as const).filter(([x]) => x >= tMin - 1e-9);
  if (pos.length <= n) return pos.map(([, i]) => i);
  const want = logTimes(pos[0]![0], pos.at(-1)![0], n);
  return [...new Set(want.map((w) => pos[indexAt(pos.map(([x]) => x), w)]![1]))];
}

/** Trajectories of several seeds (same record times), as JSON. */
export function trajectories(ups: readonly Upstream[]): TrajectoryJson[] {
  return ups.map((u) => u.json<TrajectoryJson>('trajectory.json'));
}
