/**
 * One S3 run for P1 E5 (spec §3.3 S3, §4B E5), instanced over dataset × rate × seed: projected
 * GD on the exact Gaussian risk with the whitened data's second-moment matrix Σ̂, then sign codes
 * + least-squares decoder on train and test. The theory-side counterpart of `p1-e5-train`, and
 * the only E5 arm whose training MSE is compared with 1 − 2r/π (±0.02).
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { stageCompute } from './lib/compute.ts';
import { gaussianEquivalentTraining, lsDecoderRisk } from '../science/p1/index.ts';
import { isE5Dataset, readE5Dataset } from './lib/p1-e5-data.ts';

export default defineStage({
  name: 'p1-e5-s3',
  description: 'P1 E5: S3 Gaussian-equivalent sign AE on a whitened dataset at one rate and seed.',
  deps: ['data-mnist', 'data-fashion-mnist'],
  /** p1.e5.datasets × p1.e5.rates × p1.e5.s3Seeds. */
  grid: (params) =>
    (params.p1.e5.datasets as string[]).flatMap((dataset) =>
      (params.p1.e5.rates as number[]).flatMap((r) =>
        Array.from({ length: params.p1.e5.s3Seeds as number }, (_, seed): InstanceParams => ({ dataset, r, seed })),
      ),
    ),
  async run(ctx) {
    const { dataset, r } = ctx.instance as { dataset: string; r: number };
    if (!isE5Dataset(dataset)) throw new RangeError(`p1-e5-s3: unknown dataset '${dataset}', expected mnist or fashion-mnist`);
    const data = readE5Dataset(ctx, dataset, 'pca');
    if (!data.available) {
      ctx.writeJson('result.json', { dataset, r, available: false, reason: data.reason });
      return;
    }
    const { k, Xtr, Xte } = data;
    const n = Math.max(1, Math.round(r * k));
    const e5 = ctx.params.p1.e5;
    const compute = await stageCompute(ctx);
    /** p1.e5.s3Iterations, p1.e5.s3Eta: projected-GD steps and step on L for S3. */
    const s3 = await gaussianEquivalentTraining(compute, Xtr, Xtr.length / k, k, n, createRng(ctx.seed), {
      iterations: e5.s3Iterations,
      eta: e5.s3Eta,
      onProgress: (f) => ctx.progress(0.9 * f),
    });
    const risk = lsDecoderRisk(compute, s3.B, n, k, Xtr, Xte);
    ctx.writeJson('result.json', { dataset, r, available: true, k, n, nTrain: Xtr.length / k, nTest: Xte.length / k, prediction: s3.prediction, kept: s3.kept, train: risk.train, test: risk.test });
    ctx.progress(1);
  },
});
