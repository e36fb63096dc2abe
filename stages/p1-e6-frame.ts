/**
 * Exact risk of one Haar tight frame (P1 spec §4B E6), instanced over d × r × seed.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { haarFrameRisk } from '../science/p1/index.ts';

/** What result.json holds (read by p1-e6). */
export interface FrameResult {
  d: number;
  r: number;
  n: number;
  risk: number;
}

export default defineStage({
  name: 'p1-e6-frame',
  description: 'P1 E6: exact R* of a Haar unit-norm tight frame at one (d, r, seed).',
  /** p1.e6.dims × p1.e6.rates × p1.e6.seeds. */
  grid: (params) =>
    (params.p1.e6.dims as number[]).flatMap((d) =>
      (params.p1.e6.rates as number[]).flatMap((r) =>
        Array.from({ length: params.p1.e6.seeds as number }, (_, seed): InstanceParams => ({ d, r, seed })),
      ),
    ),
  run(ctx) {
    const { d, r } = ctx.instance as { d: number; r: number };
    const n = Math.round(r * d);
    ctx.writeJson('result.json', { d, r, n, risk: haarFrameRisk(n, d, createRng(ctx.seed)) } satisfies FrameResult);
  },
});
