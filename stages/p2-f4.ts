/**
 * P2 F4: the benefit of the nonlinearity and of depth on BG data (spec §2.5–2.6,
 * §4 F4): linear > shallow denoiser L1 > L2 > L3 > L5 > L∞ (state evolution), with
 * finite-d simulations of each decoder.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { rGauss, seFixedPoint, stateEvolution } from '../science/p2/index.ts';
import { evaluate } from './lib/checks.ts';
import { P2_CHECKS, simRow } from './lib/checks-p2.ts';
import { groupBy, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p2-figure.ts';
import type { SimResult } from './lib/p2-sim-result.ts';

const DEPTHS = [1, 2, 3, 5] as const;

export default defineStage({
  name: 'p2-f4',
  description: 'F4: MSE of linear, shallow-denoiser, multi-layer and Bayes-optimal decoders against r (BG data).',
  deps: ['p2-vamp-sim'],
  run(ctx) {
    /** p2.f4.panels: densities p shown (one panel each; simulated ones get points). */
    const panels: number[] = ctx.params.p2.f4.panels;
    /** p2.f4.theoryR: rates at which the theory curves are evaluated. */
    const theoryR: number[] = ctx.params.p2.f4.theoryR;
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const theory = (r: number, p: number) => {
      const se = stateEvolution(r, p, { layers: 5 });
      return [rGauss(r), ...DEPTHS.map((t) => se[t - 1]!), seFixedPoint(r, p)];
    };
    const names = ['linear', ...DEPTHS.map((t) => (t === 1 ? 'L1 shallow denoiser' : `L${t}`)), 'L∞ (SE fixed point)'];
    for (const p of panels) {
      const panel = `p=${p}`;
      for (const r of theoryR) theory(r, p).forEach((y, k) => rows.push(lineRow(names[k]!, r, y, panel)));
    }
    const sims = ctx.inputs('p2-vamp-sim').filter((u) => panels.includes(u.instance.p as number));
    for (const [key, group] of groupBy(sims, (u) => `${u.instance.p}|${u.instance.r}`)) {
      const [p, r] = key.split('|').map(Number) as [number, number];
      const res = readTraced<SimResult>(group, 'sim.json');
      const th = theory(r, p);
      const cell = `p=${p}, r=${r}`;
      const sim = [res.map((x) => x.linear.ratio), ...DEPTHS.map((t) => res.map((x) => x.layers[t - 1]!.ratio))];
      sim.forEach((vals, k) => rows.push(pointRow(`${names[k]} (sim d=${res[0]!.d})`, r, vals, `p=${p}`, idsOf(res))));
      const size = { d: res[0]!.d, seeds: res.length };
      for (const k of [0, 1, 4]) checks.push(evaluate(simRow(p), { measured: meanSd(sim[k]!).mean, target: th[k]!, size, label: `F4 ${names[k]}, ${cell}` }));
      const minStep = (v: number[]) => Math.min(...v.slice(1).map((y, k) => v[k]! - y));
      checks.push(evaluate(P2_CHECKS['p2.f4.theory-order'], { measured: minStep(th), target: 0, label: cell }));
      checks.push(evaluate(P2_CHECKS['p2.f4.sim-order'], { measured: minStep(sim.slice(0, 3).map((v) => meanSd(v).mean)), target: 0, size, label: cell }));
    }
    const fig: FigureData = {
      id: 'p2-f4',
      paper: 2,
      title: 'Benefit of the nonlinearity and of depth (BG data)',
      claim: 'A denoiser after the linear decoder provably lowers the MSE below R_Gauss, and a multi-layer (unrolled VAMP) decoder lowers it further, towards the Bayes-optimal SE fixed point: linear > L1 > L2 > … > L∞ for p < 1.',
      kind: 'curves',
      x: { label: 'rate r = n/d' },
      y: { label: 'MSE per coordinate', scale: 'log' },
      rows,
      checks,
      notes: [
        'Multi-layer decoder: unrolled VAMP (spec §2.6), standing in for the paper’s RI-GAMP-inspired decoder (22); layer 1 equals the shallow denoiser.',
        'Simulation points: Haar (r ≤ 1) / tight-frame (r > 1) B, ratio metric Σ‖x̂ − x‖²/Σ‖x‖², mean ± sd over seeds.',
      ],
    };
    ctx.writeJson('figure.json', fig);
  },
});
