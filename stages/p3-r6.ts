/**
 * Figure R6 (P3 §3.2): real data. The per-direction reduced ODE (α_j = 1/64, λ_j = spectrum of the
 * normalised digits covariance, §2.3) against SGD on the digits and on the Gaussian surrogate:
 * (a) R(t), (b) c_j(t) for a few eigen-directions (mean ± sd over seeds). Checks (table
 * `checks-p3.ts`): the spectrum (top 3, λ_60), the digits ODE R(1, 2, 5, 10, 20), the SGD-vs-ODE bands
 * (Gaussian surrogate |ΔR| ≤ 0.02 at t = 5, 10; digits ΔR ∈ [−0.05, 0] at t = 1, 2, 5, 10) and the
 * learning order on the digits (first t with c_j > 1).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { crossingTime, integrateReducedOde, perDirectionSpectrum, type Activation } from '../science/p3/index.ts';
import { P3_SPEC } from './lib/checks-p3.ts';
import { indexAt, logSubset, logTimes, meanSd, p3Check, pointRow, trajectories } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-r6',
  description: 'P3 R6: digits vs the per-direction ODE and a Gaussian surrogate.',
  deps: ['p3-sgd-digits', 'data-digits'],
  run(ctx) {
    /** p3.r6.{sources, directions, T, N}, p3.activation, p3.r0, p3.ode.{dt, points}. */
    const sources: string[] = ctx.params.p3.r6.sources;
    const N: number = ctx.params.p3.r6.N;
    const dirs: number[] = ctx.params.p3.r6.directions;
    const T: number = ctx.params.p3.r6.T;
    const act: Activation = ctx.params.p3.activation;
    const c0 = ctx.params.p3.r0 ** 2;
    const dt: number = ctx.params.p3.ode.dt;
    const points: number = ctx.params.p3.ode.points;
    const spectrum = ctx.input('data-digits', { prep: 'raw' }).f64('spectrum.f64');
    const s = perDirectionSpectrum(spectrum);
    const tEnd = Math.max(T, 20);
    const times = [...new Set([...logTimes(0.1, tEnd, points), 1, 2, 5, 10, 20])].sort((a, b) => a - b);
    const ode = integrateReducedOde(s, act, times, { c0, dt });
    const canonical = act === 'tanh' && c0 === 1e-4;
    const rows: FigureRow[] = [];
    times.forEach((t, i) => {
      rows.push({ series: 'ODE R', kind: 'theory', x: t, y: ode.R[i]!, panel: '(a) R(t)' });
      for (const j of dirs) rows.push({ series: `ODE c${j}`, kind: 'theory', x: t, y: ode.c[i]![j - 1]!, panel: '(b) c_j(t)' });
    });
    const checks: FigureCheck[] = [];
    const odeR = (t: number) => ode.R[times.indexOf(t)]!;
    for (const source of sources) {
      const ups = ctx.inputs('p3-sgd-digits', { source });
      const runs = trajectories(ups);
      const ids = ups.map((u) => u.id);
      const t = runs[0]!.t;
      for (const i of logSubset(t, 0.1, 30)) {
        rows.push(pointRow(`SGD ${source} R`, t[i]!, runs.map((r) => r.R[i]!), '(a) R(t)', ids));
        for (const j of dirs) rows.push(pointRow(`SGD ${source} c${j}`, t[i]!, runs.map((r) => r.c[i]![j - 1]!), '(b) c_j(t)', ids));
      }
      if (!canonical) continue;
      const size = { N, T: t.at(-1)!, seeds: runs.length };
      // SGD-vs-ODE bands at the spec's times (at the last record when the run is shorter: not evaluated).
      const bandTimes = [...new Set((source === 'gaussian' ? [5, 10] : [1, 2, 5, 10]).map((tt) => Math.min(tt, t.at(-1)!)))];
      for (const at of bandTimes) {
        const i = indexAt(t, at);
        const R = meanSd(runs.map((r) => r.R[i]!)).mean;
        const ref = integrateReducedOde(s, act, [t[i]!], { c0, dt }).R[0]!;
        const m = { measured: R - ref, target: 0, size, label: `t=${at}` };
        checks.push(source === 'gaussian' ? p3Check('p3.r6.gauss-band', { ...m, measured: Math.abs(m.measured) }) : p3Check('p3.r6.digits-band', m));
      }
      if (source !== 'digits') continue;
      const cross = (j: number) => meanSd(runs.map((r) => crossingTime(r.t, r.c.map((c) => c[j - 1]!), 1))).mean;
      for (const j of [1, 4]) checks.push(p3Check('p3.r6.order-early', { measured: cross(j), target: P3_SPEC.orderEarly, size, label: `j=${j}` }));
      checks.push(p3Check('p3.r6.order-mid', { measured: cross(11), target: P3_SPEC.orderMid, size, label: 'j=11' }));
      checks.push(p3Check('p3.r6.order-late', { measured: cross(21), target: P3_SPEC.orderLate, size, label: 'j=21' }));
    }
    P3_SPEC.digitsTop.forEach((l, j) => checks.push(p3Check('p3.r6.spectrum', { measured: spectrum[j]!, target: l, label: `λ_${j + 1}` })));
    checks.push(p3Check('p3.r6.lambda60', { measured: spectrum[59]!, target: P3_SPEC.digitsLambda60 }));
    if (canonical) for (const [tt, want] of Object.entries(P3_SPEC.digitsOdeR)) checks.push(p3Check('p3.r6.ode-r', { measured: odeR(Number(tt)), target: want, label: `t=${tt}` }));
    const fig: FigureData = {
      id: 'p3-r6',
      paper: 3,
      title: 'R6 — real data (8×8 digits) vs the mean-field ODE on its spectrum',
      claim: 'Real images show the same ordered, PCA-like sequential learning as the theory predicts; the Gaussian surrogate with the same covariance tracks the ODE closely, the real data learns low-variance directions earlier.',
      kind: 'curves',
      x: { label: 't', scale: 'log' },
      y: { label: 'R(t) (a); c_j(t) (b)', panels: { '(a) R(t)': 'R(t)', '(b) c_j(t)': 'overlap c_j(t)' } },
      rows,
      checks,
      notes: ['UCI 8×8 optical digits (substitute for the paper\'s unknown real dataset, spec §5.1): centred, tr Σ̂ = d, x = z/√d, minibatches resampled with replacement. Gaussian surrogate: same Σ̂, diagonal in its eigenbasis.'],
    };
    ctx.writeJson('figure.json', fig);
  },
});
