/**
 * P1 E3: structure of the learned features (spec §4B E3): the off-diagonal Gram entries go
 * from ≈ N(0, 1/d) at initialisation to ≈ 0 (r ≤ 1), the frame spectrum eig(ŴᵀŴ) to all 1
 * (r ≤ 1) or all r (r > 1, tight frame), and the optimal decoder becomes weight-tied.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { toMatrix } from '../science/numerics/index.ts';
import { gramStructure, offDiagonalHistogram } from '../science/p1/index.ts';
import { closeCheck, lineRow, pointRow, rangeCheck } from './lib/p1-figure.ts';

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
      const { n, d } = runs[0]!.json<{ n: number; d: number }>('result.json');
      const panel = `r=${r}`;
      const lim = 4 / Math.sqrt(d);
      const hist = (name: string) => runs.map((u) => offDiagonalHistogram(toMatrix(u.f64(name), n, d), bins, -lim, lim));
      const h0 = hist('W0.f64');
      const h1 = hist('W.f64');
      h0[0]!.centers.forEach((x, k) => {
        rows.push(pointRow('G_ij at init', x, h0.map((h) => h.density[k]!), panel));
        rows.push(pointRow('G_ij after GD', x, h1.map((h) => h.density[k]!), panel));
        rows.push(lineRow('N(0, 1/d) density', x, Math.sqrt(d / (2 * Math.PI)) * Math.exp((-d * x * x) / 2), panel));
      });
      const s = runs.map((u) => gramStructure(toMatrix(u.f64('W.f64'), n, d)));
      const target = Math.max(1, r);
      const eigDev = Math.max(...s.map((x) => Math.max(...Array.from(x.frameEigenvalues.subarray(0, Math.min(n, d)), (v) => Math.abs(v / target - 1)))));
      checks.push(rangeCheck(`E3: max relative deviation of nonzero eig(ŴᵀŴ) from ${target}, r=${r}`, eigDev, 0, 0, 0.005, '≤ 0.5%'));
      if (r <= 1) {
        checks.push(rangeCheck(`E3: max |G_ij| (i≠j) after GD, r=${r}`, Math.max(...s.map((x) => x.offdiagMax)), 0, 0, 1e-3, '< 1e-3'));
      } else {
        const rms = Math.sqrt((r - 1) / (n - 1));
        checks.push(closeCheck(`E3: off-diagonal RMS vs √((r−1)/(n−1)), r=${r}`, Math.max(...s.map((x) => x.offdiagRms)), rms, 0.02 * rms));
      }
      checks.push(rangeCheck(`E3: ‖A* − cŴᵀ‖/‖A*‖ (weight tying), r=${r}`, Math.max(...s.map((x) => x.tiedDeviation)), 0, 0, r <= 1 ? 1e-3 : 0.1, r <= 1 ? '< 1e-3' : '< 0.1'));
      checks.push(closeCheck(`E3: fitted tied scale vs c(r), r=${r}`, s[0]!.fittedScale, s[0]!.tiedScale, 0.01 * s[0]!.tiedScale));
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
