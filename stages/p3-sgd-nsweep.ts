/**
 * Figure R5's width sweep (P3 §3.2): online SGD at d = p3.r5.d for each N × λ, to read R(T)
 * against the learned (intrinsic) dimension. Writes `trajectory.json`.
 */
import { defineStage } from '../engine/stage.ts';
import type { Activation } from '../science/p3/index.ts';
import { runCanonicalSgd } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-sgd-nsweep',
  description: 'P3 R5: online SGD at fixed d over widths N and ridge λ (tfjs).',
  /** p3.r5.{d, Ns, lambdas, eps, batch, T, seeds}: the sweep; p3.activation. */
  grid: (params) =>
    (params.p3.r5.lambdas as number[]).flatMap((lambda) =>
      (params.p3.r5.Ns as number[]).flatMap((N) =>
        Array.from({ length: params.p3.r5.seeds as number }, (_, seed) => ({ d: params.p3.r5.d as number, N, eps: params.p3.r5.eps as number, B: params.p3.r5.batch as number, T: params.p3.r5.T as number, lambda, act: params.p3.activation as string, seed })),
      ),
    ),
  async run(ctx) {
    const { d, N, eps, B, T, lambda, act } = ctx.instance as { d: number; N: number; eps: number; B: number; T: number; lambda: number; act: Activation };
    ctx.writeJson('trajectory.json', await runCanonicalSgd(ctx, { d, N, eps, B, T, lambda, act }));
  },
});
