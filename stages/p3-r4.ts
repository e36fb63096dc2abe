/**
 * Figure R4 (P3 §3.2): SGD trajectories R(t) for each d (N = 20d) against the ODE (d = ∞) and the
 * finite-d Gaussian loss R_d (§2.7, exact, at the ODE's c(t)). Checks: the gap at t = 10 per d
 * (spec 0.047, 0.031, 0.024, 0.011 for d = 30, 60, 100, 200), S1–S6 on the S-mini run (d = 60,
 * N = 1200, B = 16, ε = 2e-3) and S7 (gap at d = 120 < 0.7 × gap at d = 30, same ε, B).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, finiteDLoss, integrateReducedOde, type Activation } from '../science/p3/index.ts';
import { closeCheck, condCheck, indexAt, logSubset, logTimes, meanSd, trajectories, type TrajectoryJson } from './lib/p3-common.ts';

const GAP10: Record<number, number> = { 30: 0.047, 60: 0.031, 100: 0.024, 200: 0.011 };

/** S1–S6 of §4.2 on one S-mini trajectory. */
function sMiniChecks(r: TrajectoryJson, odeC1at2: number): FigureCheck[] {
  const at = (t: number) => indexAt(r.t, t);
  const c = (t: number, k: number) => r.c[at(t)]![k]!;
  const R = (t: number) => r.R[at(t)]!;
  const order = r.t.every((t, i) => t < 1 || (r.c[i]![0]! > r.c[i]![1]! && r.c[i]![1]! > r.c[i]![2]!));
  return [
    closeCheck('S1: c1(2) / ODE c1(2) − 1', c(2, 0) / odeC1at2 - 1, 0, 0.06),
    condCheck('S2: R(2)', R(2), '∈ [0.40, 0.47]', R(2) >= 0.4 && R(2) <= 0.47),
    condCheck('S3: c2(3)', c(3, 1), '< 0.1', c(3, 1) < 0.1),
    condCheck('S3: c2(7)', c(7, 1), '> 2.0', c(7, 1) > 2.0),
    condCheck('S4: c3(10)', c(10, 2), '< 0.05', c(10, 2) < 0.05),
    condCheck('S5: R(10)', R(10), '∈ [0.083, 0.13]', R(10) >= 0.083 && R(10) <= 0.13),
    condCheck('S6: c1 > c2 > c3 at all t ≥ 1 (1 = holds)', order ? 1 : 0, '1', order),
  ];
}

export default defineStage({
  name: 'p3-r4',
  description: 'P3 R4: SGD R(t) for each d vs the ODE and the finite-d loss R_d.',
  deps: ['p3-sgd-gauss'],
  run(ctx) {
    /** p3.activation, p3.r0, p3.ode.{dt, points}: theory. */
    const act: Activation = ctx.params.p3.activation;
    const c0 = ctx.params.p3.r0 ** 2;
    const dt: number = ctx.params.p3.ode.dt;
    const points: number = ctx.params.p3.ode.points;
    const s = canonicalSpectrum();
    const ups = ctx.inputs('p3-sgd-gauss');
    const tMax = Math.max(...ups.map((u) => u.json<TrajectoryJson>('trajectory.json').t.at(-1)!));
    const times = [...new Set([...logTimes(0.1, tMax, points), 2, 10].filter((t) => t <= tMax))].sort((a, b) => a - b);
    const ode = integrateReducedOde(s, act, times, { c0, dt });
    const rows: FigureRow[] = times.map((t, i) => ({ series: 'ODE (d = ∞)', kind: 'theory', x: t, y: ode.R[i]! }));
    const checks: FigureCheck[] = [];
    const configs = [...new Map(ups.map((u) => [`${u.instance.d},${u.instance.N},${u.instance.eps},${u.instance.B}`, u.instance])).values()];
    const gap: Record<string, number> = {};
    const rdTimes = [1, 2, 3, 5, 7, 10].filter((t) => t <= tMax);
    const rdOde = integrateReducedOde(s, act, rdTimes, { c0, dt });
    for (const cfg of configs) {
      const where = { d: cfg.d!, N: cfg.N!, eps: cfg.eps!, B: cfg.B! };
      const runs = trajectories(ctx.inputs('p3-sgd-gauss', where));
      const d = Number(cfg.d);
      const label = `SGD d=${d} N=${cfg.N} ε=${cfg.eps} B=${cfg.B}`;
      const t = runs[0]!.t;
      for (const i of logSubset(t, 0.1, 30)) {
        const R = meanSd(runs.map((r) => r.R[i]!));
        rows.push({ series: label, kind: 'experiment', x: t[i]!, y: R.mean, y_lo: R.mean - R.sd, y_hi: R.mean + R.sd, n: runs.length });
      }
      rdTimes.forEach((tt, j) => rows.push({ series: `R_d d=${d}`, kind: 'theory', x: tt, y: finiteDLoss(rdOde.c[j]!, s, d, act) }));
      const i10 = times.indexOf(10);
      if (i10 >= 0 && Math.abs(t[indexAt(t, 10)]! - 10) < 1e-9) {
        const g = meanSd(runs.map((r) => r.R[indexAt(t, 10)]!)).mean - ode.R[i10]!;
        gap[`${d},${cfg.eps},${cfg.B}`] = g;
        if (GAP10[d] !== undefined && act === 'tanh') checks.push(closeCheck(`gap R_SGD(10) − R_ODE(10), ${label}`, g, GAP10[d]!, 0.01));
      }
      if (d === 60 && cfg.N === 1200 && cfg.B === 16 && cfg.eps === 0.002 && act === 'tanh') checks.push(...sMiniChecks(runs[0]!, ode.c[times.indexOf(2)]![0]!));
    }
    const g30 = gap['30,0.002,16'];
    const g120 = gap['120,0.002,16'];
    const notes = [`${act}, λ = 0. R_d: exact (Gauss–Laguerre over the block energies) E‖x − φ1(xᵀCx)Cx‖² at the ODE's c(t) (§2.7).`];
    if (g30 !== undefined && g120 !== undefined) checks.push(condCheck('S7: gap(d=120) / gap(d=30), ε=2e-3, B=16', g120 / g30, '< 0.7', Math.abs(g120) < 0.7 * Math.abs(g30)));
    else notes.push('S7 needs runs at d = 30 and d = 120 with ε = 2e-3, B = 16 (paper profile).');
    if (!checks.some((c) => c.name.startsWith('S1'))) notes.push('S1–S6 need the S-mini run d = 60, N = 1200, B = 16, ε = 2e-3 (paper profile; also a unit test).');
    const fig: FigureData = {
      id: 'p3-r4',
      paper: 3,
      title: 'R4 — SGD trajectories vs d: convergence to the mean-field limit',
      claim: 'With N = 20d the SGD reconstruction error approaches the ODE as d grows; the gap at t = 10 shrinks roughly like 2/d and is mostly the finite-d Gaussian excess R_d − R.',
      kind: 'curves',
      x: { label: 't', scale: 'log' },
      y: { label: 'R(t) = E‖x − x̂‖²' },
      rows,
      checks,
      notes,
    };
    ctx.writeJson('figure.json', fig);
  },
});
