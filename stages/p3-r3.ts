/**
 * Figure R3 (P3 §3.2): shrinkage vs stopping time — ODE gains g_k(t) at λ = p3.r3.lambda with the
 * λ = 0 curves of R1 (log time). Early stopping is a hard threshold on the spectrum, λ a soft one.
 * Checks (table `checks-p3.ts`): the R3 table, the interpolated times at which g_k crosses half its
 * final gain (D5: 0.7594, 6.2558, 60.6417), and the escape rate 0.142 of c3 on the λ = 0.1 plateau.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, fixedPoint, halfGainTimes, integrateReducedOde, restrictedFixedPoint, type Activation } from '../science/p3/index.ts';
import { P3_SPEC } from './lib/checks-p3.ts';
import { logTimes, p3Check } from './lib/p3-common.ts';

const TABLE_T = Object.keys(P3_SPEC.r3Gains).map(Number);

export default defineStage({
  name: 'p3-r3',
  description: 'P3 R3: gains vs stopping time at λ = 0.1 and λ = 0 (ODE).',
  run(ctx) {
    /** p3.r3.lambda, p3.r3.tEnd: the curves; p3.activation, p3.r0, p3.ode.{dt, points}. */
    const lambda: number = ctx.params.p3.r3.lambda;
    const tEnd: number = ctx.params.p3.r3.tEnd;
    const act: Activation = ctx.params.p3.activation;
    const c0 = ctx.params.p3.r0 ** 2;
    const dt: number = ctx.params.p3.ode.dt;
    const points: number = ctx.params.p3.ode.points;
    const s = canonicalSpectrum();
    const times = [...new Set([...logTimes(0.1, tEnd, points), ...TABLE_T.filter((t) => t <= tEnd)])].sort((a, b) => a - b);
    const rows: FigureRow[] = [];
    const curves = [lambda, 0].map((lam) => integrateReducedOde(s, act, times, { lambda: lam, c0, dt }));
    curves.forEach((tr, j) =>
      times.forEach((t, i) => {
        for (let k = 0; k < 3; k++) rows.push({ series: `λ=${j === 0 ? lambda : 0} g${k + 1}`, kind: 'theory', x: t, y: tr.g[i]![k]! });
      }),
    );
    const fp = fixedPoint(s, act, lambda);
    const checks: FigureCheck[] = [];
    const notes = [`${act}, r0 = ${Math.sqrt(c0)}, RK4 dt = ${dt}. Final gains g(∞) = (${Array.from(fp.g, (g) => g.toFixed(4)).join(', ')}).`];
    if (act === 'tanh' && lambda === 0.1 && c0 === 1e-4) {
      TABLE_T.forEach((t) => {
        const i = times.indexOf(t);
        if (i >= 0) for (let k = 0; k < 3; k++) checks.push(p3Check('p3.r3.gains', { measured: curves[0]!.g[i]![k]!, target: P3_SPEC.r3Gains[t]![k]!, label: `g${k + 1}(${t})` }));
      });
      halfGainTimes(s, act, Math.max(tEnd, 80), { lambda, c0, dt, targets: fp.g }).forEach((th, k) => checks.push(p3Check('p3.r3.half-gain', { measured: th, target: P3_SPEC.d5[k]!, label: `g${k + 1}` })));
      checks.push(p3Check('p3.r3.escape-rate', { measured: restrictedFixedPoint(s, act, lambda, 2).rates[2]!, target: P3_SPEC.r3EscapeRate }));
    } else notes.push('R3 table targets are for tanh, λ = 0.1, r0 = 0.01: not evaluated.');
    const fig: FigureData = {
      id: 'p3-r3',
      paper: 3,
      title: 'R3 — shrinkage vs stopping time',
      claim: 'Stopping early hard-thresholds the spectrum (unlearned subspaces have g ≈ 0); ℓ2 regularisation shrinks softly and nonlinearly (tanh λ = 0.1: g3 only reaches 0.386, and late, t½ ≈ 60).',
      kind: 'curves',
      x: { label: 't', scale: 'log' },
      y: { label: 'gain g_k(t)' },
      rows,
      checks,
      notes,
    };
    ctx.writeJson('figure.json', fig);
  },
});
