/**
 * Figure R5 (P3 §3.2): R(T) against the width N at d = p3.r5.d, for each λ (mean ± sd over seeds),
 * with the ODE value as a horizontal line. The learned (intrinsic) dimension is 2d/3 for λ = 0.5
 * (subspace 3 dead) and d for λ = 0: N below it falls far short of the mean-field prediction.
 * Checks (table `checks-p3.ts`): S8 (§4.2).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, integrateReducedOde, type Activation } from '../science/p3/index.ts';
import { pointRow } from './lib/figure-rows.ts';
import { P3_SPEC } from './lib/checks-p3.ts';
import { meanSd, p3Check, trajectories } from './lib/p3-common.ts';

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
    const final = new Map<string, number[]>();
    for (const lambda of lambdas) {
      const Rode = integrateReducedOde(s, act, [T], { lambda, c0, dt }).R[0]!;
      for (const N of [Math.min(...Ns), Math.max(...Ns)]) rows.push({ series: `ODE λ=${lambda}`, kind: 'theory', x: N, y: Rode });
      for (const N of Ns) {
        const ups = ctx.inputs('p3-sgd-nsweep', { N, lambda });
        const values = trajectories(ups).map((r) => r.R.at(-1)!);
        final.set(`${lambda},${N}`, values);
        rows.push(pointRow(`SGD λ=${lambda}`, N, values, undefined, ups.map((u) => u.id)));
      }
    }
    const seeds = final.values().next().value?.length ?? 0;
    const checks: FigureCheck[] = [];
    if (lambdas.includes(0.5) && act === 'tanh' && c0 === 1e-4) {
      const narrow = Ns.includes(40) ? 40 : Math.min(...Ns);
      const wide = Math.max(...Ns);
      checks.push(p3Check('p3.r5.s8-narrow', { measured: meanSd(final.get(`0.5,${narrow}`)!).mean, target: P3_SPEC.s8[0], size: { d, T }, label: `N=${narrow}, d=${d}, T=${T}` }));
      checks.push(p3Check('p3.r5.s8-wide', { measured: meanSd(final.get(`0.5,${wide}`)!).mean, target: P3_SPEC.s8[1], size: { d, T, N: wide }, label: `N=${wide}, d=${d}, T=${T}` }));
    }
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
      notes: [`d = ${d}, ${act}, T = ${T}; intrinsic dimension ${Math.round((2 * d) / 3)} at λ = 0.5, ${d} at λ = 0. Mean ± sd over ${seeds} seed(s) per point.`],
    };
    ctx.writeJson('figure.json', fig);
  },
});
