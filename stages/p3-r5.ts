/**
 * Figure R5 (P3 §3.2): R(T) against the width N at d = p3.r5.d, for each λ, with the ODE value as a
 * horizontal line. The learned (intrinsic) dimension is 2d/3 for λ = 0.5 (subspace 3 dead) and d
 * for λ = 0: N below it falls far short of the mean-field prediction. Check: S8 (§4.2).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, integrateReducedOde, type Activation } from '../science/p3/index.ts';
import { condCheck, trajectories } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-r5',
  description: 'P3 R5: R(T) vs N (intrinsic dimension), SGD against the ODE.',
  deps: ['p3-sgd-nsweep'],
  run(ctx) {
    /** p3.r5.{lambdas, Ns, T, d}: the sweep read back; p3.activation, p3.r0, p3.ode.dt: the ODE lines. */
    const lambdas: number[] = ctx.params.p3.r5.lambdas;
    const Ns: number[] = ctx.params.p3.r5.Ns;
    const T: number = ctx.params.p3.r5.T;
    const d: number = ctx.params.p3.r5.d;
    const act: Activation = ctx.params.p3.activation;
    const c0 = ctx.params.p3.r0 ** 2;
    const dt: number = ctx.params.p3.ode.dt;
    const s = canonicalSpectrum();
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const at: Record<string, number> = {};
    for (const lambda of lambdas) {
      const Rode = integrateReducedOde(s, act, [T], { lambda, c0, dt }).R[0]!;
      for (const N of [Math.min(...Ns), Math.max(...Ns)]) rows.push({ series: `ODE λ=${lambda}`, kind: 'theory', x: N, y: Rode });
      for (const N of Ns) {
        const r = trajectories(ctx.inputs('p3-sgd-nsweep', { N, lambda }))[0]!;
        at[`${lambda},${N}`] = r.R.at(-1)!;
        rows.push({ series: `SGD λ=${lambda}`, kind: 'experiment', x: N, y: r.R.at(-1)!, n: 1 });
      }
    }
    const notes = [`d = ${d}, ${act}, T = ${T}; intrinsic dimension ${Math.round((2 * d) / 3)} at λ = 0.5, ${d} at λ = 0. One seed per point.`];
    const small = at['0.5,40'];
    const large = at['0.5,1600'];
    if (d === 99 && T === 20 && small !== undefined && large !== undefined) {
      checks.push(condCheck('S8: R(20), λ=0.5, N=40', small, '> 0.5', small > 0.5));
      checks.push(condCheck('S8: R(20), λ=0.5, N=1600', large, '< 0.36', large < 0.36));
    } else notes.push('S8 needs d = 99, T = 20, λ = 0.5 with N = 40 and 1600 (paper profile).');
    const fig: FigureData = {
      id: 'p3-r5',
      paper: 3,
      title: 'R5 — width N vs intrinsic dimension',
      claim: 'A network with N below the learned (intrinsic) dimension cannot reach the mean-field prediction; convergence needs N ≫ d (N = 16d is within ~0.015).',
      kind: 'curves',
      x: { label: 'N', scale: 'log' },
      y: { label: `R(t = ${T})` },
      rows,
      checks,
      notes,
    };
    ctx.writeJson('figure.json', fig);
  },
});
