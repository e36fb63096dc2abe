/**
 * P1 E3: structure of the learned features (spec §4B E3): the off-diagonal Gram entries go
 * from ≈ N(0, 1/d) at initialisation to ≈ 0 (r ≤ 1), the frame spectrum eig(ŴᵀŴ) to all 1
 * (r ≤ 1) or all r (r > 1, tight frame), and the optimal decoder becomes weight-tied.
 */
import type { GdResult } from './p1-gd.ts';
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { toMatrix } from '../science/numerics/index.ts';
import { gramStructure, offDiagonalHistogram, tightFrameOffdiagRms } from '../science/p1/index.ts';
import { p1Check } from './lib/checks-p1.ts';
import { farthest, flowTime, lineRow, meanSd, pointRow } from './lib/p1-figure.ts';

export default defineStage({
  name: 'p1-e3',
  description: 'E3: Gram histogram at init vs convergence, frame spectrum, weight tying of the optimal decoder.',
  deps: ['p1-gd'],
  run(ctx) {
    /** p1.e3.rates: rates shown (must be among p1.gd.rates). */
    const rates: number[] = ctx.params.p1.e3.rates;
    /** p1.e3.bins: histogram bins for the off-diagonal Gram entries on ±4/√d. */
    const bins: number = ctx.params.p1.e3.bins;
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    for (const r of rates) {
      const runs = ctx.inputs('p1-gd', { r });
      if (runs.length === 0) continue;
      const { n, d, eta, iterations } = runs[0]!.json<GdResult>('result.json');
      const panel = `r=${r}`;
      const lim = 4 / Math.sqrt(d);
      const hist = (name: string) => runs.map((u) => offDiagonalHistogram(toMatrix(u.f64(name), n, d), bins, -lim, lim));
      const h0 = hist('W0.f64');
      const h1 = hist('W.f64');
      const ids = runs.map((u) => u.id);
      h0[0]!.centers.forEach((x, k) => {
        rows.push(pointRow('G_ij at init', x, h0.map((h) => h.density[k]!), panel, ids));
        rows.push(pointRow('G_ij after GD', x, h1.map((h) => h.density[k]!), panel, ids));
        rows.push(lineRow('N(0, 1/d) density', x, Math.sqrt(d / (2 * Math.PI)) * Math.exp((-d * x * x) / 2), panel));
      });
      const s = runs.map((u) => gramStructure(toMatrix(u.f64('W.f64'), n, d)));
      const target = Math.max(1, r);
      const eigDev = Math.max(...s.map((x) => Math.max(...Array.from(x.frameEigenvalues.subarray(0, Math.min(n, d)), (v) => Math.abs(v / target - 1)))));
      const size = { d, flowTime: flowTime(eta, iterations) };
      const label = `r=${r}`;
      const worst = (f: (x: (typeof s)[number]) => number) => Math.max(...s.map(f));
      // Spec §4B E3 (corrected): the spread is a slow GD mode, so r ≥ 3 needs η·T = 400.
      checks.push(p1Check(r <= 1 ? 'p1.e3.eig-le-1' : r <= 2 ? 'p1.e3.eig-le-2' : 'p1.e3.eig-ge-3', { measured: eigDev, target: 0, size, label }));
      if (r <= 1) checks.push(p1Check('p1.e3.offdiag-max', { measured: worst((x) => x.offdiagMax), target: 0, size, label }));
      else checks.push(p1Check('p1.e3.offdiag-rms', { measured: farthest(s.map((x) => x.offdiagRms), tightFrameOffdiagRms(n, d)), target: tightFrameOffdiagRms(n, d), size, label }));
      checks.push(p1Check(r <= 1 ? 'p1.e3.tied-le-1' : 'p1.e3.tied-gt-1', { measured: worst((x) => x.tiedDeviation), target: 0, size, label }));
      checks.push(p1Check('p1.e3.tied-scale', { measured: meanSd(s.map((x) => x.fittedScale)).mean, target: s[0]!.tiedScale, size, label }));
    }
    const fig: FigureData = {
      id: 'p1-e3',
      paper: 1,
      title: 'Structure of the learned encoder: orthogonal rows / tight frames, weight-tied decoder',
      claim: 'GD minimisers are random rotations: for r ≤ 1 the rows become orthonormal (G → I), for r > 1 a tight frame (ŴᵀŴ → r·I); the optimal decoder is weight-tied, A* ≈ c·Ŵᵀ.',
      kind: 'curves',
      x: { label: 'off-diagonal Gram entry G_ij' },
      y: { label: 'density' },
      rows,
      checks,
      notes: ['Histograms pooled over i < j, mean ± sd over seeds. Tight-frame panels: the off-diagonal RMS freezes at √((r−1)/(n−1)), so the histogram stays wide.'],
    };
    ctx.writeJson('figure.json', fig);
  },
});
