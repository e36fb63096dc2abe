/**
 * One S1 training run on whitened MNIST (P1 spec §3.3 S1, §4B E5), instanced over rate × seed:
 * annealed-tanh surrogate with Adam, then sign codes + least-squares decoder on train and test.
 * Reads `data-mnist[prep=pca]` (whitened: x ← Λ^{-1/2}Vᵀx), keeping its top `p1.e5.pcs` columns.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { readE5Data } from './lib/p1-e5-data.ts';
import { createRng, initTf } from '../science/numerics/index.ts';
import { lsDecoderRisk, trainSignSurrogate } from '../science/p1/index.ts';

export default defineStage({
  name: 'p1-e5-train',
  description: 'P1 E5: S1-trained sign AE on whitened MNIST at one rate and seed.',
  deps: ['data-mnist'],
  /** p1.e5.rates × p1.e5.seeds. */
  grid: (params) =>
    (params.p1.e5.rates as number[]).flatMap((r) =>
      Array.from({ length: params.p1.e5.seeds as number }, (_, seed): InstanceParams => ({ r, seed })),
    ),
  async run(ctx) {
    const { r, k, n, Xtr, Xte } = readE5Data(ctx);
    const e5 = ctx.params.p1.e5;
    const handle = await initTf();
    ctx.record({ tfjsBackend: handle.backend });
    const B = await trainSignSurrogate(handle, Xtr, Xtr.length / k, k, n, createRng(ctx.seed), {
      /** p1.e5.steps, batch, lr, tauDecay, tauMin: the S1 schedule (spec §3.3). */
      steps: e5.steps,
      batch: e5.batch,
      lr: e5.lr,
      tauDecay: e5.tauDecay,
      tauMin: e5.tauMin,
      onProgress: (f) => ctx.progress(0.9 * f),
    });
    const risk = await lsDecoderRisk(handle, B, n, k, Xtr, Xte);
    ctx.writeJson('result.json', { r, d: k, n, nTrain: Xtr.length / k, nTest: Xte.length / k, train: risk.train, test: risk.test });
    ctx.progress(1);
  },
});
