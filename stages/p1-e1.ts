/**
 * P1 E1: loss vs rate on isotropic Gaussian data — population GD reaches LB(r) (spec §4B E1,
 * §5). Theory: LB(r), Shannon 2^(−2r), R_init(r); experiment: GD final risk and the risk at
 * the Gaussian initialisation, mean ± sd over seeds.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { gaussianInitRisk, lowerBound, shannonDistortion } from '../science/p1/index.ts';
import { P1_SPEC, p1Check } from './lib/checks-p1.ts';
import type { GdResult } from './p1-gd.ts';
import { distinct, farthest, flowTime, grid, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p1-figure.ts';


export default defineStage({
  name: 'p1-e1',
  description: 'E1: population GD at d = 100 reaches LB(r) = 1 − 2r/π (r ≤ 1) and sits just above κ/(r+κ) (r > 1).',
  deps: ['p1-gd'],
  run(ctx) {
    const runs = readTraced<GdResult>(ctx.inputs('p1-gd'), 'result.json');
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const rs = distinct(runs.map((u) => u.r));
    const rMax = Math.max(...rs, 1);
    for (const r of grid(0.02, rMax, 120).concat([1]).sort((a, b) => a - b)) {
      rows.push(lineRow('LB(r)', r, lowerBound(r)));
      rows.push(lineRow('R_init(r), d → ∞', r, gaussianInitRisk(r)));
      rows.push(lineRow('Shannon 2^(−2r)', r, shannonDistortion(r)));
    }
    const d = runs[0]?.d ?? 0;
    for (const r of rs) {
      const group = runs.filter((u) => u.r === r);
      const final = group.map((u) => u.risk);
      rows.push(pointRow(`GD d=${d}`, r, final, undefined, idsOf(group)));
      rows.push(pointRow(`Gaussian init d=${d}`, r, group.map((u) => u.risk0), undefined, idsOf(group)));
      const lb = lowerBound(r);
      const label = `r=${r}`;
      const size = { d, flowTime: flowTime(group[0]!.eta, group[0]!.iterations) };
      if (r <= 1) checks.push(p1Check('p1.e1.gd-at-lb', { measured: farthest(final, lb), target: lb, size, label }));
      else checks.push(p1Check('p1.e1.gd-above-lb', { measured: meanSd(final).mean, target: lb, size, label }));
      checks.push(p1Check('p1.e1.never-below', { measured: Math.min(...final), target: lb, size, label }));
      const init = P1_SPEC.initRiskD100[r];
      // The spec's values are for d = 100; smaller runs are shown as not evaluated.
      if (init !== undefined && d <= 100) checks.push(p1Check('p1.e1.init-risk', { measured: meanSd(group.map((u) => u.risk0)).mean, target: init, size: { d }, label }));
    }
    const steps = rs.map((r) => runs.find((u) => u.r === r)!).map((u) => `r=${u.r}: ${u.iterations} at η = ${u.eta} (η·T = ${flowTime(u.eta, u.iterations)})`);
    const fig: FigureData = {
      id: 'p1-e1',
      paper: 1,
      title: 'Loss vs rate: gradient descent reaches the fundamental limit',
      claim:
        'For Gaussian data and sign activation the minimum per-coordinate MSE is 1 − 2r/π for r ≤ 1 (orthonormal rows) and κ/(r+κ), κ = π/2 − 1, for r > 1 (tight frames, asymptotically); projected GD from a Gaussian initialisation attains it.',
      kind: 'curves',
      x: { label: 'rate r = n/d' },
      y: { label: 'MSE per coordinate' },
      rows,
      checks,
      notes: [
        `Projected GD on R*(B) (spec §3.2(a)) in fp32 on the compute layer, final risk evaluated exactly in float64; d = ${d}; error bars ± sd over ${runs.filter((u) => u.r === rs[0]).length} seeds.`,
        `Steps (η on L = d·R*): ${steps.join('; ')}. Results depend on the gradient-flow time η·T, not on η alone: the spec's 4000 steps at η = 0.05 are η·T = 200, as 1000 steps at η = 0.2.`,
      ],
    };
    ctx.writeJson('figure.json', fig);
  },
});
