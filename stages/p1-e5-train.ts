/**
 * One S1 training run for P1 E5 (spec §3.3 S1, §4B E5 corrected), instanced over
 * arm × rate × seed. The arms are the whitened real datasets (`p1.e5.datasets`: top `p1.e5.pcs`
 * components of `data-<name>[prep=pca]`) and the same-size Gaussian control `gauss`
 * (N(0, I_k) with the same k, N_train, N_test). Every arm of one (r, seed) trains from the same
 * seed, with the same schedule; evaluation uses true sign codes and a least-squares decoder
 * fitted on the training rows. A dataset that is not installed gives `available: false`.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { lsDecoderRisk, trainSignSurrogate } from '../science/p1/index.ts';
import { stageCompute } from './lib/compute.ts';
import { GAUSS, gaussianControl, isE5Dataset, pairedSeed, readE5Dataset } from './lib/p1-e5-data.ts';

export default defineStage({
  name: 'p1-e5-train',
  description: 'P1 E5: S1-trained sign AE on a whitened dataset or its Gaussian control, at one rate and seed.',
  deps: ['data-mnist', 'data-fashion-mnist'],
  /** (p1.e5.datasets + the Gaussian control) × p1.e5.rates × p1.e5.seeds. */
  grid: (params) =>
    [...(params.p1.e5.datasets as string[]), GAUSS].flatMap((arm) =>
      (params.p1.e5.rates as number[]).flatMap((r) =>
        Array.from({ length: params.p1.e5.seeds as number }, (_, seed): InstanceParams => ({ arm, r, seed })),
      ),
    ),
  async run(ctx) {
    const { arm, r, seed } = ctx.instance as { arm: string; r: number; seed: number };
    if (arm !== GAUSS && !isE5Dataset(arm)) throw new RangeError(`p1-e5-train: unknown arm '${arm}', expected mnist, fashion-mnist or ${GAUSS}`);
    const data = arm === GAUSS ? gaussianControl(ctx, pairedSeed(ctx, 'p1-e5-control-data', r, seed)) : readE5Dataset(ctx, arm, 'pca');
    if (!data.available) {
      ctx.log(`skipped: ${data.reason}`);
      ctx.writeJson('result.json', { arm, r, available: false, reason: data.reason });
      return;
    }
    const { k, Xtr, Xte } = data;
    const n = Math.max(1, Math.round(r * k));
    const e5 = ctx.params.p1.e5;
    const compute = await stageCompute(ctx);
    /** p1.e5.steps, batch, lr, tauDecay, tauMin: the S1 schedule (spec §3.3: ≥ 3000 steps, τ → 0.05). */
    const B = await trainSignSurrogate(compute, Xtr, Xtr.length / k, k, n, createRng(pairedSeed(ctx, 'p1-e5-s1', r, seed)), {
      steps: e5.steps,
      batch: e5.batch,
      lr: e5.lr,
      tauDecay: e5.tauDecay,
      tauMin: e5.tauMin,
      onProgress: (f) => ctx.progress(0.9 * f),
    });
    const risk = lsDecoderRisk(compute, B, n, k, Xtr, Xte);
    ctx.writeJson('result.json', { arm, r, available: true, k, n, nTrain: Xtr.length / k, nTest: Xte.length / k, steps: e5.steps, train: risk.train, test: risk.test });
    ctx.progress(1);
  },
});
