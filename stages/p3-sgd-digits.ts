/**
 * Figure R6's SGD runs (P3 §3.2): online SGD on the 8×8 digits (`data-digits[prep=raw]`: centred,
 * tr Σ̂ = d, fed as x = z/√d, minibatches resampled uniformly with replacement from the 1797 rows),
 * and on the Gaussian surrogate with the same Σ̂ (diagonal in the eigenbasis, by rotation
 * equivariance). c_j is measured per eigen-direction u_j of Σ̂: c_j = (1/N) Σ_i ⟨θ_i, u_j⟩².
 */
import type { AvailableDataset } from './lib/data-output.ts';
import { defineStage } from '../engine/stage.ts';
import { createRng } from '../science/numerics/rng.ts';
import { stageCompute } from './lib/compute.ts';
import type { Activation } from '../science/p3/index.ts';
import { onlineSgd, sampleRows, type DataSource } from '../science/p3/sgd/index.ts';
import { recordTiming, toJson } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-sgd-digits',
  description: 'P3 R6: online SGD on the digits and on its Gaussian surrogate (tfjs).',
  deps: ['data-digits'],
  /** p3.r6.sources × p3.r6.seeds. */
  grid: (params) => (params.p3.r6.sources as string[]).flatMap((source) => Array.from({ length: params.p3.r6.seeds as number }, (_, seed) => ({ source, seed }))),
  async run(ctx) {
    /** p3.r6.{N, eps, batch, T}: the run; p3.activation, p3.r0, p3.recordDt, p3.testSize (surrogate test set). */
    const N: number = ctx.params.p3.r6.N;
    const eps: number = ctx.params.p3.r6.eps;
    const B: number = ctx.params.p3.r6.batch;
    const T: number = ctx.params.p3.r6.T;
    const act: Activation = ctx.params.p3.activation;
    const r0: number = ctx.params.p3.r0;
    const recordDt: number = ctx.params.p3.recordDt;
    const up = ctx.input('data-digits', { prep: 'raw' });
    const meta = up.json<AvailableDataset>('meta.json');
    const d = meta.d;
    const spectrum = up.f64('spectrum.f64');
    const groups = Int32Array.from({ length: d }, (_, j) => j);
    const rng = createRng(ctx.seed);
    let src: DataSource;
    let test: Float32Array;
    let basis: Float32Array | undefined;
    if (ctx.instance.source === 'digits') {
      const rows = Float32Array.from(up.f64('train.f64'), (v) => v / Math.sqrt(d));
      src = { kind: 'empirical', rows, n: meta.n_train };
      test = rows; // the empirical distribution SGD runs on (§5.1 item 5)
      basis = Float32Array.from(up.f64('eigvecs.f64'));
    } else {
      const testSize: number = ctx.params.p3.testSize;
      src = { kind: 'gaussian', std: Float64Array.from(spectrum, (l) => Math.sqrt(Math.max(l, 0) / d)) };
      test = sampleRows(src, rng, new Float32Array(testSize * d));
    }
    const compute = await stageCompute(ctx);
      const steps = Math.round(T / eps);
    const r = await onlineSgd(compute, src, rng, { N, activation: act, eps, batch: B, r0, steps, recordEvery: Math.max(1, Math.round(recordDt / eps)), test, groups, basis, onProgress: (f) => ctx.progress(f) });
    recordTiming(ctx, r, steps, 10 * B * N * d);
    ctx.writeJson('trajectory.json', toJson(r, steps));
  },
});
