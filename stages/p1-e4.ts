/**
 * P1 E4: general covariance (λ_i ∝ 1/i, Tr Σ = d): GD vs the water-filling prediction and
 * the PCA-sign baseline (spec §2.3 table, §4B E4, §5 "water-filling vs GD").
 */
import type { E4GdResult } from './p1-e4-gd.ts';
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { harmonicSpectrum, pcaSignRisk, waterFilling } from '../science/p1/index.ts';
import { p1Check } from './lib/checks-p1.ts';
import { distinct, grid, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p1-figure.ts';

export default defineStage({
  name: 'p1-e4',
  description: 'E4: water-filling bound vs population GD vs PCA-sign on a 1/i spectrum.',
  deps: ['p1-e4-gd'],
  run(ctx) {
    const runs = readTraced<E4GdResult>(ctx.inputs('p1-e4-gd'), 'result.json');
    const d = runs[0]?.d ?? 100;
    const lambda = harmonicSpectrum(d);
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const rs = distinct(runs.map((u) => u.r));
    const rMax = Math.max(...rs, 1);
    for (const r of grid(1 / d, rMax, 100)) {
      const n = r * d;
      rows.push(lineRow('water-filling R_wf', r, waterFilling(lambda, n).risk));
      if (n <= d) rows.push(lineRow('PCA-sign baseline', r, pcaSignRisk(lambda, Math.floor(n))));
    }
    for (const r of rs) {
      const group = runs.filter((u) => u.r === r);
      const risks = group.map((u) => u.risk);
      rows.push(pointRow(`GD d=${d}`, r, risks, undefined, idsOf(group)));
      const n = Math.round(r * d);
      const pred = waterFilling(lambda, n).risk;
      const label = `r=${r}`;
      checks.push(p1Check('p1.e4.gd-within', { measured: Math.max(...risks), target: pred, size: { d }, label }));
      checks.push(p1Check('p1.e4.gd-above', { measured: Math.min(...risks), target: pred, size: { d }, label }));
      if (n <= d) checks.push(p1Check('p1.e4.below-pca', { measured: meanSd(risks).mean, target: pcaSignRisk(lambda, n), size: { d }, label }));
    }
    const fig: FigureData = {
      id: 'p1-e4',
      paper: 1,
      title: 'General covariance: water-filling over the spectrum',
      claim: 'For x ~ N(0, Σ) the limit allocates the n sign bits over the top eigendirections by water-filling, m_i = max(0, √(λ_i/ν) − κ), capped at min(n, d) directions; population GD attains it and beats signs of principal components by a wide margin.',
      kind: 'curves',
      x: { label: 'rate r = n/d' },
      y: { label: 'MSE per coordinate' },
      rows,
      checks,
      notes: [`Σ = diag(λ), λ_i ∝ 1/i, Tr Σ = d = ${d}; projected GD on the exact risk (fp32, compute layer), evaluated exactly in float64; ± sd over seeds.`],
    };
    ctx.writeJson('figure.json', fig);
  },
});
