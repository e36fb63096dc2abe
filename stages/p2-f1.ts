/**
 * P2 F1: the GD-trained linear sign autoencoder on Bernoulli–Gaussian data ignores
 * the sparsity — its risk sits on R_Gauss(r) for every density p (spec §2.3, §4 F1).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { lossIdentity, m1Squared, rGauss } from '../science/p2/index.ts';
import { bandCheck, groupBy, lineRow, pointRow } from './lib/p2-figure.ts';

export default defineStage({
  name: 'p2-f1',
  description: 'F1: GD on BG data reaches R_Gauss(r) for every p (sparsity ignored).',
  deps: ['p2-gd'],
  run(ctx) {
    /** p2.f1.d: the input dimension of the GD runs plotted. */
    const d: number = ctx.params.p2.f1.d;
    /** p2.f1.identityP: densities of the companion identity-encoder curves 1 − 2rp/π. */
    const idP: number[] = ctx.params.p2.f1.identityP;
    const runs = ctx.inputs('p2-gd', { law: 'gauss', d });
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const rs = [...new Set(runs.map((u) => u.instance.r as number))].sort((a, b) => a - b);
    const rMax = Math.max(1, ...rs);
    for (let k = 0; k <= 50; k++) {
      const r = 0.02 + (k / 50) * (rMax - 0.02);
      rows.push(lineRow('R_Gauss(r)', r, rGauss(r)));
      if (r <= 1) for (const p of idP) rows.push(lineRow(`identity, p=${p}`, r, lossIdentity(r, p, m1Squared('gauss'))));
    }
    for (const [key, group] of groupBy(runs, (u) => `${u.instance.p}|${u.instance.r}`)) {
      const [p, r] = key.split('|').map(Number) as [number, number];
      const risks = group.map((u) => u.json<{ risk: number }>('result.json').risk);
      const row = pointRow(`GD p=${p}`, r, risks);
      rows.push(row);
      // Spec §4 F1: every GD point on the curve within +0.01 at d ≥ 64 (points sit slightly above).
      checks.push(bandCheck(`F1: GD − R_Gauss at p=${p}, r=${r} (d=${d})`, row.y, rGauss(r), 0.01, 0.005));
    }
    const fig: FigureData = {
      id: 'p2-f1',
      paper: 2,
      title: 'The linear autoencoder on sparse Gaussian data ignores the sparsity',
      claim: 'GD on Bernoulli–Gaussian data of any density p converges to the Gaussian benchmark R_Gauss(r) = 1 − 2r/π: a delocalized, rotation-like encoder; the identity encoder (1 − 2rp/π) is far worse.',
      kind: 'curves',
      x: { label: 'rate r = n/d' },
      y: { label: 'MSE per coordinate' },
      rows,
      checks,
      notes: [`G2 (Adam + straight-through sign), d = ${d}; R*(B) from fresh-sample moments; error bars ± sd over seeds.`],
    };
    ctx.writeJson('figure.json', fig);
  },
});
