/**
 * One population-GD run on x ~ N(0, Σ), Σ = diag(λ), λ_i ∝ 1/i with Tr Σ = d (P1 spec §2.3,
 * §4B E4), instanced over rate × seed. Projected GD on the effective unit rows Ŵ of B Σ^{1/2};
 * the final risk is evaluated exactly in float64.
 */
import { Matrix } from 'ml-matrix';
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng, fromMatrix, gaussianMatrix, toMatrix } from '../science/numerics/index.ts';
import { stageCompute } from './lib/compute.ts';
import { harmonicSpectrum, optimalRisk, projectedGd, type ProjectedGdTrace } from '../science/p1/index.ts';

/** What result.json holds (read by p1-e4). */
export interface E4GdResult {
  r: number;
  d: number;
  n: number;
  eta: number;
  iterations: number;
  risk: number;
  trace: ProjectedGdTrace;
}

export default defineStage({
  name: 'p1-e4-gd',
  description: 'P1 E4: projected GD on the exact risk with the harmonic covariance, one rate and seed.',
  /** p1.e4.rates × p1.e4.seeds. */
  grid: (params) =>
    (params.p1.e4.rates as number[]).flatMap((r) =>
      Array.from({ length: params.p1.e4.seeds as number }, (_, seed): InstanceParams => ({ r, seed })),
    ),
  async run(ctx) {
    const r = ctx.instance.r as number;
    /** p1.e4.d: input dimension (spec: 100). */
    const d: number = ctx.params.p1.e4.d;
    /** p1.e4.eta: step on L = d·R*. */
    const eta: number = ctx.params.p1.e4.eta;
    /** p1.e4.iterations: GD steps. */
    const iterations: number = ctx.params.p1.e4.iterations;
    const n = Math.round(r * d);
    const sigma = harmonicSpectrum(d);
    const compute = await stageCompute(ctx);
    const W0 = gaussianMatrix(n, d, createRng(ctx.seed));
    const res = await projectedGd(compute, fromMatrix(W0), n, d, { iterations, eta, sigma, recordEvery: 50, onProgress: (f) => ctx.progress(0.95 * f) });
    // Ŵ are the unit rows of B Σ^{1/2}; the encoder itself is B = Ŵ Σ^{−1/2}.
    const B = toMatrix(res.W, n, d).mmul(Matrix.diag(Array.from(sigma, (v) => 1 / Math.sqrt(v))));
    const risk = optimalRisk(B, { sqrtSigma: Matrix.diag(Array.from(sigma, Math.sqrt)) });
    ctx.writeJson('result.json', { r, d, n, eta, iterations, risk, trace: res.trace } satisfies E4GdResult);
    ctx.progress(1);
  },
});
