/**
 * One population-GD run of P1 §3.2(a) (projected GD on R*(B), optimal decoder every step),
 * isotropic Gaussian data, instanced over rate × seed. Feeds E1 (final risk vs LB), E2
 * (training curve) and E3 (learned Gram structure). Writes the start and final unit rows,
 * the float64 risks at both ends and the fp32 trace.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng, fromMatrix, gaussianMatrix, toMatrix } from '../science/numerics/index.ts';
import { stageCompute } from './lib/compute.ts';
import { optimalRisk, projectedGd, type ProjectedGdTrace } from '../science/p1/index.ts';

/** What result.json holds (read by p1-e1, p1-e2, p1-e3). */
export interface GdResult {
  r: number;
  d: number;
  n: number;
  eta: number;
  iterations: number;
  risk0: number;
  risk: number;
  refreshes: number;
  trace: ProjectedGdTrace;
}

export default defineStage({
  name: 'p1-gd',
  description: 'P1 population projected GD (isotropic Gaussian data) at one rate and seed.',
  /** p1.gd.rates × p1.gd.seeds: one run per (r, seed). */
  grid: (params) =>
    (params.p1.gd.rates as number[]).flatMap((r) =>
      Array.from({ length: params.p1.gd.seeds as number }, (_, seed): InstanceParams => ({ r, seed })),
    ),
  async run(ctx) {
    const r = ctx.instance.r as number;
    const g = ctx.params.p1.gd;
    /** p1.gd.d: input dimension d (spec: 100). */
    const d: number = g.d;
    const n = Math.round(r * d);
    const above = r > 1;
    /** p1.gd.eta / etaAbove1: step on L = d·R* for r ≤ 1 / r > 1. */
    const eta: number = above ? g.etaAbove1 : g.eta;
    /**
     * p1.gd.iterations / iterationsAbove1 / iterationsAbove2: GD steps for r ≤ 1 / 1 < r ≤ 2 /
     * r > 2 (spec E3: r ≥ 3 runs to η·T = 400, r ≤ 2 to η·T = 200).
     */
    const iterations: number = r > 2 ? g.iterationsAbove2 : above ? g.iterationsAbove1 : g.iterations;
    /** p1.gd.recordEvery: steps between recorded risks (the E2 curve). */
    const recordEvery: number = g.recordEvery;
    const compute = await stageCompute(ctx);
    // Gaussian init B_ij ~ N(0, 1/d) (spec §3.1); only row directions matter.
    const B0 = gaussianMatrix(n, d, createRng(ctx.seed));
    const res = await projectedGd(compute, fromMatrix(B0), n, d, { iterations, eta, recordEvery, onProgress: (f) => ctx.progress(0.95 * f) });
    const risk0 = optimalRisk(B0);
    const risk = optimalRisk(toMatrix(res.W, n, d));
    ctx.writeF64('W0.f64', fromMatrix(B0));
    ctx.writeF64('W.f64', res.W);
    ctx.writeJson('result.json', { r, d, n, eta, iterations, risk0, risk, refreshes: res.refreshes, trace: res.trace } satisfies GdResult);
    ctx.progress(1);
  },
});
