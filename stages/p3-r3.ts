/**
 * Figure R3 (P3 §3.2): shrinkage vs stopping time — ODE gains g_k(t) at λ = p3.r3.lambda with the
 * λ = 0 curves of R1 (log time). Early stopping is a hard threshold on the spectrum, λ a soft one.
 * Checks: the R3 table, half-gain times relative to the final gains (0.80, 6.30, 60.65), and the
 * escape rate 0.142 of c3 on the λ = 0.1 plateau.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, fixedPoint, halfGainTimes, integrateReducedOde, restrictedFixedPoint, type Activation } from '../science/p3/index.ts';
import { closeCheck, condCheck, logTimes } from './lib/p3-common.ts';

const TABLE_T = [1, 2, 5, 7, 10, 20, 30, 50];
const TABLE_G = [
  [0.666, 0.0008, 0.0001],
  [0.9191, 0.0028, 0.0001],
  [0.9294, 0.1374, 0.0002],
  [0.901, 0.5678, 0.0002],
  [0.9209, 0.7986, 0.0003],
  [0.9249, 0.8197, 0.0012],
  [0.9248, 0.8196, 0.005],
  [0.9226, 0.8174, 0.0703],
];

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
      TABLE_T.forEach((t, r) => {
        const i = times.indexOf(t);
        if (i >= 0) for (let k = 0; k < 3; k++) checks.push(closeCheck(`R3 table: g${k + 1}(${t})`, curves[0]!.g[i]![k]!, TABLE_G[r]![k]!, 2e-4));
      });
      // The spec's 0.80, 6.30, 60.65 are first times ≥ the crossing on a 0.05 grid (our interpolated
      // crossings 0.759, 6.256, 60.642 round up to exactly those), so the target is an interval.
      halfGainTimes(s, act, Math.max(tEnd, 80), { lambda, c0, dt, targets: fp.g }).forEach((th, k) => {
        const target = [0.8, 6.3, 60.65][k]!;
        checks.push(condCheck(`R3: time to half the final gain, g${k + 1}`, th, `∈ (${(target - 0.05).toFixed(2)}, ${target}] (spec value on a 0.05 grid)`, th > target - 0.05 - 1e-9 && th <= target + 1e-9));
      });
      checks.push(closeCheck('R3: escape rate of c3 on the λ=0.1 plateau', restrictedFixedPoint(s, act, lambda, 2).rates[2]!, 0.142, 1e-3));
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
