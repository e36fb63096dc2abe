/**
 * One seed of the finite-d decoder simulation (P2 spec §2.5–2.6, N7): Haar or
 * tight-frame B, BG data, linear decoder and unrolled VAMP layers 1…L, instanced over
 * (r, p, seed) — the F4 grid plus the extra F5 cases. Feeds F4 and F5.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng } from '../science/numerics/index.ts';
import { simulateDecoders } from '../science/p2/index.ts';
import { stageCompute } from './lib/compute.ts';

export default defineStage({
  name: 'p2-vamp-sim',
  description: 'Finite-d linear / shallow-denoiser / unrolled-VAMP decoders on BG data with Haar B.',
  /** p2.sim.r × p2.sim.p, plus p2.sim.extra (r, p) cases, each × p2.sim.seeds. */
  grid: (params) => {
    const s = params.p2.sim;
    const cases: [number, number][] = [
      ...(s.r as number[]).flatMap((r) => (s.p as number[]).map((p): [number, number] => [r, p])),
      ...(s.extra as { r: number; p: number }[]).map((c): [number, number] => [c.r, c.p]),
    ];
    const uniq = [...new Map(cases.map((c) => [c.join(','), c])).values()];
    return uniq.flatMap(([r, p]) => Array.from({ length: s.seeds as number }, (_, seed): InstanceParams => ({ r, p, seed })));
  },
  async run(ctx) {
    const { r, p } = ctx.instance as { r: number; p: number };
    const sim = await simulateDecoders(r, p, createRng(ctx.seed), {
      /** p2.sim.d: input dimension (≥ 1000 in the paper profile). */
      d: ctx.params.p2.sim.d,
      /** p2.sim.samples: test vectors per seed (d·samples ≈ 2e5 coordinates). */
      samples: ctx.params.p2.sim.samples,
      /** p2.sim.layers: VAMP layers simulated (F5 plots 1…layers). */
      layers: ctx.params.p2.sim.layers,
      compute: await stageCompute(ctx),
    });
    ctx.writeJson('sim.json', sim);
  },
});
