/**
 * P2 F6 (real images, spec §4 F6 corrected): one G2 run on masked PCA-whitened MNIST, then the
 * F4 decoders behind the learned encoder. Instanced over (p, r, seed); reads
 * `data-mnist[prep=pca]` (λ ≥ 1e-6·λ_max kept, covariance I, so tr = d), keeps the top k
 * directions, and masks with Bernoulli(p)/√p: fresh rows and masks every G2 batch, one fixed
 * mask on the test rows. The same decoders behind a Haar encoder on the same rows are the control.
 */
import type { AvailableDataset } from './lib/data-output.ts';
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { bernoulliMask } from '../science/datasets/index.ts';
import { createRng, haarFrameRows } from '../science/numerics/index.ts';
import { localization, maskedRowSampler, nonzeroFraction, orthogonalityDefect, realDataDecoders, topColumns, trainG2 } from '../science/p2/index.ts';
import { stageCompute } from './lib/compute.ts';

export default defineStage({
  name: 'p2-f6-gd',
  description: 'F6: G2 encoder on masked PCA-whitened MNIST; linear / shallow-denoiser / VAMP decoders behind it.',
  deps: ['data-mnist'],
  /** p2.f6.p (mask densities) × p2.f6.r × p2.f6.seeds. */
  grid: (params) =>
    (params.p2.f6.p as number[]).flatMap((p) =>
      (params.p2.f6.r as number[]).flatMap((r) => Array.from({ length: params.p2.f6.seeds as number }, (_, seed): InstanceParams => ({ p, r, seed }))),
    ),
  async run(ctx) {
    const { p, r } = ctx.instance as { p: number; r: number };
    const f6 = ctx.params.p2.f6;
    const g = ctx.params.p2.gd;
    const up = ctx.input('data-mnist', { prep: 'pca' });
    const meta = up.json<AvailableDataset>('meta.json');
    /** p2.f6.k: PCA directions kept (the top k; ≤ the directions with λ ≥ 1e-6·λ_max). */
    const k = Math.min(f6.k as number, meta.d);
    /** p2.f6.testRows: test images decoded (VAMP cost grows with it). */
    const nTest = Math.min(meta.n_test, f6.testRows as number);
    const train = topColumns(up.f64('train.f64'), meta.n_train, meta.d, k);
    const rng = createRng(ctx.seed);
    const test = bernoulliMask(topColumns(up.f64('test.f64').subarray(0, nTest * meta.d), nTest, meta.d, k), p, rng);
    const compute = await stageCompute(ctx);
    const sample = maskedRowSampler(train, meta.n_train, k, p, compute);
    // The G2 protocol of p2.gd (spec §3), on masked image rows instead of i.i.d. sparse ones.
    const res = await trainG2(p, rng, { d: k, r, steps: g.steps, batch: g.batch, lr: g.lr, beta: g.beta, sample, onProgress: (f) => ctx.progress(0.85 * f), compute });
    /** p2.f6.layers: VAMP layers; p2.gd.evalSamples: training rows behind the linear decoder. */
    const decOpts = { layers: f6.layers as number, fitSamples: g.evalSamples as number, compute };
    const dec = await realDataDecoders(res.B, res.n, k, sample, test, p, rng, decOpts);
    // Control: the same decoders behind a Haar encoder on the same rows (VAMP's right-rotation-invariant
    // case), separating what the data cost from what the learned encoder costs the denoisers.
    const haar = await realDataDecoders(haarFrameRows(res.n, k, rng), res.n, k, sample, test, p, rng, decOpts);
    ctx.progress(1);
    ctx.writeJson('result.json', {
      ...dec,
      haar,
      measuredP: nonzeroFraction(test),
      ell: localization(res.B, res.n, k),
      orth: orthogonalityDefect(res.B, res.n, k),
      d: k,
      n: res.n,
      nTrain: meta.n_train,
      nTest,
      protocol: { steps: g.steps as number, batch: g.batch as number, lr: g.lr as number },
    });
  },
});
