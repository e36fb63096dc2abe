/**
 * Figure R1 (P3 §3.2): phases on correlated Gaussian data — the reduced ODE's R(t) and gains g_k(t)
 * (lines, log time) against online SGD at d = p3.r1.d (points, mean ± sd over seeds: R on the test
 * set, g_k^net), with the exact finite-d loss R_d at the ODE's c(t) as the finite-d reference line.
 * Checks (table `checks-p3.ts`): D1, D2, D4; SGD vs R_d on plateau 1; the third phase in SGD
 * (g3 past ½ by t = 40); S9 (the Gaussian closure on the network's own c_k).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, finiteDLoss, halfGainTimes, integrateReducedOde, phi1Fn, reducedObservables, type Activation } from '../science/p3/index.ts';
import { notRun } from './lib/checks.ts';
import { P3_CHECKS, P3_SPEC } from './lib/checks-p3.ts';
import { indexAt, logSubset, logTimes, meanSd, p3Check, pointRow, trajectories } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-r1',
  description: 'P3 R1: phases (R and g_k vs log t), ODE against SGD.',
  deps: ['p3-sgd-gauss'],
  run(ctx) {
    /** p3.activation, p3.r0 (c0 = r0²), p3.ode.{dt, tEnd, points}: the theory curves. */
    const act: Activation = ctx.params.p3.activation;
    const c0 = ctx.params.p3.r0 ** 2;
    const dt: number = ctx.params.p3.ode.dt;
    const tEnd: number = ctx.params.p3.ode.tEnd;
    const points: number = ctx.params.p3.ode.points;
    /** p3.r1.d: which SGD runs are overlaid. */
    const d: number = ctx.params.p3.r1.d;
    const s = canonicalSpectrum();
    const specTimes = Object.keys(P3_SPEC.d1).map(Number);
    const times = [...new Set([...logTimes(0.1, tEnd, points), ...specTimes, 2, 6, 40].filter((t) => t <= tEnd))].sort((a, b) => a - b);
    const ode = integrateReducedOde(s, act, times, { c0, dt });
    const odeAt = (t: number) => times.indexOf(t);
    const rows: FigureRow[] = [];
    times.forEach((t, i) => {
      rows.push({ series: 'ODE R', kind: 'theory', x: t, y: ode.R[i]!, panel: '(a) R(t)' });
      for (let k = 0; k < 3; k++) rows.push({ series: `ODE g${k + 1}`, kind: 'theory', x: t, y: ode.g[i]![k]!, panel: '(b) g_k(t)' });
    });
    const checks: FigureCheck[] = [];
    const notes: string[] = [];
    const canonical = act === 'tanh' && c0 === 1e-4;
    const ups = ctx.inputs('p3-sgd-gauss', { d });
    const runs = trajectories(ups);
    const ids = ups.map((u) => u.id);
    if (runs.length) {
      const t = runs[0]!.t;
      const N = ups[0]!.instance.N as number;
      const size = { d, N, T: t.at(-1)!, seeds: runs.length };
      for (const i of logSubset(t, 0.1, 40)) {
        rows.push(pointRow(`SGD d=${d} N=${N}`, t[i]!, runs.map((r) => r.R[i]!), '(a) R(t)', ids));
        for (let k = 0; k < 3; k++) rows.push(pointRow(`SGD g${k + 1}^net`, t[i]!, runs.map((r) => r.gNet[i]![k]!), '(b) g_k(t)', ids));
      }
      times.filter((tt) => tt <= t.at(-1)!).forEach((tt) => rows.push({ series: `R_d (d = ${d}, exact)`, kind: 'theory', x: tt, y: finiteDLoss(ode.c[odeAt(tt)]!, s, d, act), panel: '(a) R(t)' }));
      if (canonical) {
        const i2 = indexAt(t, 2);
        const rd2 = finiteDLoss(ode.c[odeAt(2)]!, s, d, act);
        checks.push(p3Check('p3.r1.sgd-plateau1', { measured: meanSd(runs.map((r) => r.R[i2]!)).mean, target: rd2, size, label: `d=${d}, N=${N}` }));
      }
      const tLast = Math.min(40, t.at(-1)!);
      const i40 = indexAt(t, tLast);
      checks.push(p3Check('p3.r1.phase3', { measured: meanSd(runs.map((r) => r.gNet[i40]![2]!)).mean, target: P3_SPEC.phase3, size: { ...size, T: t[i40]! }, label: `t=${t[i40]!.toFixed(1)}, d=${d}` }));
      // S9: linear-response gain vs φ1(q_net)·c_k^net from the network's own c_k, at t = 6, every seed.
      const i6 = indexAt(t, Math.min(6, t.at(-1)!));
      const phi = phi1Fn(act);
      runs.forEach((r, seed) => {
        const o = reducedObservables(r.c[i6]!, s, phi);
        for (let k = 0; k < 3; k++) {
          if (o.g[k]! < 0.1) continue; // a relative 2 % is meaningless for unlearned blocks
          checks.push(p3Check('p3.r1.closure', { measured: r.gNet[i6]![k]! / o.g[k]! - 1, target: 0, size, label: `g${k + 1}, t=${t[i6]!.toFixed(1)}, d=${d}, seed ${seed}` }));
        }
      });
    } else {
      const reason = `no p3-sgd-gauss run with d = ${d} in this profile`;
      checks.push(notRun(P3_CHECKS['p3.r1.sgd-plateau1'], reason), notRun(P3_CHECKS['p3.r1.phase3'], reason), notRun(P3_CHECKS['p3.r1.closure'], reason));
    }
    if (canonical) {
      for (const tt of specTimes) if (odeAt(tt) >= 0) checks.push(p3Check('p3.r1.ode-r', { measured: ode.R[odeAt(tt)]!, target: P3_SPEC.d1[tt]!, label: `t=${tt}` }));
      halfGainTimes(s, act, Math.max(tEnd, 40), { c0, dt }).forEach((th, k) => checks.push(p3Check('p3.r1.half-gain', { measured: th, target: P3_SPEC.d2[k]!, label: `g${k + 1}` })));
      halfGainTimes(s, 'linear', 15, { c0, dt }).forEach((th, k) => checks.push(p3Check('p3.r1.half-gain-linear', { measured: th, target: P3_SPEC.d4[k]!, label: `g${k + 1}` })));
    } else notes.push('D1/D2/D4 and the SGD band targets are for tanh with r0 = 0.01: not evaluated.');
    const fig: FigureData = {
      id: 'p3-r1',
      paper: 3,
      title: 'R1 — phases on correlated Gaussian data: mean-field ODE vs SGD',
      claim: 'Principal subspaces are learned one after another in decreasing eigenvalue, separated by plateaus (R = 0.4167, 0.0833); finite-N SGD follows the reduced ODE through all three phases, above it by the finite-d excess R_d − R.',
      kind: 'curves',
      x: { label: 't', scale: 'log' },
      y: { label: 'R(t) (a); gain g_k(t) (b)', panels: { '(a) R(t)': 'R(t)', '(b) g_k(t)': 'gain g_k(t)' } },
      rows,
      checks,
      notes: [`${act}, λ = 0, spectrum (4, 1, 0.25), r0 = ${Math.sqrt(c0)}; RK4 dt = ${dt}. SGD: mean ± sd over ${runs.length} seed(s); gains are linear-response g_k^net on the test set. R_d: exact finite-d loss at the ODE's c(t) (§2.7).`, ...notes],
    };
    ctx.writeJson('figure.json', fig);
  },
});
