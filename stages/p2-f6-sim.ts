/**
 * P2 F6 (real images, spec §4 F6): the decoders of F4 on ZCA-whitened MNIST, masked
 * with an i.i.d. Bernoulli(p) mask and rescaled by 1/√p ("masked images"), and
 * unmasked (p = 1). Instanced over (p, r); reads `data-mnist[prep=zca-mask,p]` /
 * `data-mnist[prep=zca]`.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { realDataDecoders } from '../science/p2/index.ts';

export default defineStage({
  name: 'p2-f6-sim',
  description: 'F6: linear / shallow-denoiser / VAMP decoders with a Haar encoder on masked whitened MNIST.',
  deps: ['data-mnist'],
  /** data.maskP (the masked variants built) plus p = 1 (unmasked zca) × p2.f6.r. */
  grid: (params) =>
    [...(params.data.maskP as number[]), 1].flatMap((p) => (params.p2.f6.r as number[]).map((r): InstanceParams => ({ p, r }))),
  async run(ctx) {
    const { p, r } = ctx.instance as { p: number; r: number };
    const up = p === 1 ? ctx.input('data-mnist', { prep: 'zca' }) : ctx.input('data-mnist', { prep: 'zca-mask', p });
    const meta = up.json<{ d: number; n_train: number; n_test: number }>('meta.json');
    /** p2.f6.testRows: test images decoded (VAMP cost grows with it). */
    const nTest = Math.min(meta.n_test, ctx.params.p2.f6.testRows as number);
    const test = up.f64('test.f64').subarray(0, nTest * meta.d);
    const res = await realDataDecoders(up.f64('train.f64'), test, meta.d, r, p, createRng(ctx.seed), {
      /** p2.f6.layers: VAMP layers. */
      layers: ctx.params.p2.f6.layers,
    });
    ctx.writeJson('result.json', { ...res, d: meta.d, nTrain: meta.n_train, nTest });
  },
});
