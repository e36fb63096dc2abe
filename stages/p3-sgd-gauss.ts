/**
 * Online SGD of the weight-tied AE on the canonical Gaussian spectrum (P3 §1.5), λ = 0: the d sweep
 * of Figure R4 (N = 20d), whose largest-d run is also R1's SGD overlay. One instance per
 * (d, N, ε, B, T, λ, activation, seed); writes `trajectory.json` (c_k, g_k^net, R every p3.recordDt).
 */
import { defineStage } from '../engine/stage.ts';
import type { Activation } from '../science/p3/index.ts';
import { runCanonicalSgd } from './lib/p3-common.ts';

interface RunParams {
  d: number;
  N: number;
  eps: number;
  batch: number;
  T: number;
  seeds: number;
}

export default defineStage({
  name: 'p3-sgd-gauss',
  description: 'P3 online SGD on the canonical spectrum (tfjs), one instance per (d, N, ε, B, seed): feeds R1 and R4.',
  /** p3.sgd.runs: the (d, N, ε, B, T) configurations and seed counts; p3.activation. */
  grid: (params) =>
    (params.p3.sgd.runs as RunParams[]).flatMap((r) =>
      Array.from({ length: r.seeds }, (_, seed) => ({ d: r.d, N: r.N, eps: r.eps, B: r.batch, T: r.T, lambda: 0, act: params.p3.activation as string, seed })),
    ),
  async run(ctx) {
    const { d, N, eps, B, T, lambda, act } = ctx.instance as { d: number; N: number; eps: number; B: number; T: number; lambda: number; act: Activation };
    ctx.writeJson('trajectory.json', await runCanonicalSgd(ctx, { d, N, eps, B, T, lambda, act }));
  },
});
