/**
 * One G2 training run (P2 spec §3) of the linear sign autoencoder on sparse data:
 * instanced over (law, d, r, p, seed) from the groups in `p2.gd.runs`. Writes the
 * learned B, the loss curve and the evaluated shape: R*(B) (optimal linear decoder
 * on fresh samples), ℓ(B), ‖BBᵀ − I‖_F/√n, and R* of a Haar encoder at the same (d, r), scored
 * on the same law with the same number of samples (the F1 control at small p, spec §4 F1).
 * Feeds F1, F2 and F3.
 */
import { defineStage, type InstanceParams } from '../engine/stage.ts';
import { createRng, haarFrameRows } from '../science/numerics/index.ts';
import { stageCompute } from './lib/compute.ts';
import { localization, orthogonalityDefect, sparseEncoderRisk, trainG2, type NonzeroLaw } from '../science/p2/index.ts';

interface RunGroup {
  law: NonzeroLaw;
  d: number;
  r: number[];
  p: number[];
  seeds: number;
  /** Overrides p2.gd.steps for this group (larger d needs more steps). */
  steps?: number;
}

export default defineStage({
  name: 'p2-gd',
  description: 'G2 (minibatch Adam + straight-through sign) on sparse data: learned B, R*(B), ℓ(B), orthogonality.',
  /** p2.gd.runs: groups {law, d, r[], p[], seeds} — the (law, d, r, p, seed) points F1–F3 need. */
  grid: (params) =>
    (params.p2.gd.runs as RunGroup[]).flatMap((g) =>
      g.r.flatMap((r) =>
        g.p.flatMap((p) =>
          Array.from({ length: g.seeds }, (_, seed): InstanceParams => ({ law: g.law, d: g.d, r, p, seed, ...(g.steps ? { steps: g.steps } : {}) })),
        ),
      ),
    ),
  async run(ctx) {
    const { law, d, r, p } = ctx.instance as { law: NonzeroLaw; d: number; r: number; p: number };
    const g = ctx.params.p2.gd;
    const rng = createRng(ctx.seed);
    /** p2.gd.steps: Adam steps per run, unless the instance's group sets its own. */
    const steps: number = (ctx.instance.steps as number | undefined) ?? g.steps;
    const res = await trainG2(p, rng, {
      d,
      r,
      law,
      steps,
      /** p2.gd.batch: fresh samples per step. */
      batch: g.batch,
      /** p2.gd.lr: Adam learning rate for A and B. */
      lr: g.lr,
      /** p2.gd.beta: slope β of the STE surrogate. */
      beta: g.beta,
      onProgress: (f) => ctx.progress(0.9 * f),
      compute: await stageCompute(ctx),
    });
    /** p2.gd.evalSamples: fresh samples for the moments behind R*(B) (learned and Haar). */
    const evalOpts = { law, samples: g.evalSamples as number };
    const risk = await sparseEncoderRisk(res.B, res.n, res.d, p, rng, evalOpts);
    const haar = await sparseEncoderRisk(haarFrameRows(res.n, res.d, rng), res.n, res.d, p, rng, evalOpts);
    ctx.progress(1);
    ctx.writeF64('B.f64', res.B);
    ctx.writeJson('result.json', {
      risk,
      haar,
      ell: localization(res.B, res.n, res.d),
      orth: orthogonalityDefect(res.B, res.n, res.d),
      n: res.n,
      d: res.d,
      // The protocol actually run, so figures can tell a G2 run from a cut-down one.
      protocol: { steps, batch: g.batch as number, lr: g.lr as number },
      curve: res.curve,
    });
  },
});
