/**
 * One population-GD run of the P1 §3.2 variants (b) joint projected GD on (A, Ŵ) and (c) the
 * weight-tied model, isotropic Gaussian data, instanced over variant × rate × seed. Feeds the
 * E2 convergence figure next to method (a) (`p1-gd`). The final risk is evaluated in float64:
 * R(A, Ŵ) for joint, R(Bᵀ, B) for tied.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng, fromMatrix, gaussianMatrix, toMatrix } from '../science/numerics/index.ts';
import { jointGd, signRisk, tiedGd } from '../science/p1/index.ts';
import { stageCompute } from './lib/compute.ts';

/** What result.json holds (read by p1-e2). */
export interface VariantResult {
  variant: string;
  r: number;
  d: number;
  n: number;
  iterations: number;
  risk: number;
  /** Tied model only. */
  meanRowNorm?: number;
  trace: { t: number[]; risk: number[] };
}

export default defineStage({
  name: 'p1-gd-variant',
  description: 'P1 population GD variants (b) joint and (c) tied at one rate and seed.',
  /** p1.variants.names × p1.e2.rates × p1.variants.seeds. */
  grid: (params) =>
    (params.p1.variants.names as string[]).flatMap((variant) =>
      (params.p1.e2.rates as number[]).flatMap((r) =>
        Array.from({ length: params.p1.variants.seeds as number }, (_, seed): InstanceParams => ({ variant, r, seed })),
      ),
    ),
  async run(ctx) {
    const { variant, r } = ctx.instance as { variant: string; r: number };
    const v = ctx.params.p1.variants;
    /** p1.gd.d: input dimension d (shared with method (a); spec: 100). */
    const d: number = ctx.params.p1.gd.d;
    const n = Math.round(r * d);
    /** p1.variants.iterations / iterationsAbove1: GD steps for r ≤ 1 / r > 1 (spec steps, §3.2). */
    const iterations: number = r > 1 ? v.iterationsAbove1 : v.iterations;
    /** p1.variants.recordEvery: steps between recorded risks. */
    const recordEvery: number = v.recordEvery;
    const compute = await stageCompute(ctx);
    // Gaussian init B_ij ~ N(0, 1/d) (spec §3.1): the row norms matter for the tied model.
    const B0 = gaussianMatrix(n, d, createRng(ctx.seed)).mul(1 / Math.sqrt(d));
    const onProgress = (f: number) => ctx.progress(0.95 * f);
    let risk: number;
    let trace: { t: number[]; risk: number[] };
    let meanRowNorm: number | undefined;
    if (variant === 'joint') {
      const res = await jointGd(compute, fromMatrix(B0), n, d, { iterations, recordEvery, onProgress });
      risk = signRisk(toMatrix(res.A, d, n), toMatrix(res.W, n, d));
      trace = res.trace;
    } else if (variant === 'tied') {
      const res = await tiedGd(compute, fromMatrix(B0), n, d, { iterations, recordEvery, onProgress });
      const B = toMatrix(res.B, n, d);
      risk = signRisk(B.transpose(), B);
      meanRowNorm = Array.from({ length: n }, (_, i) => Math.hypot(...B.getRow(i))).reduce((a, b) => a + b, 0) / n;
      trace = res.trace;
    } else {
      throw new RangeError(`p1-gd-variant: unknown variant ${variant}`);
    }
    ctx.writeJson('result.json', { variant, r, d, n, iterations, risk, meanRowNorm, trace } satisfies VariantResult);
    ctx.progress(1);
  },
});
