/**
 * P1 E6: finite-size effect — the exact risk of Haar tight frames approaches κ/(r+κ) with a
 * gap O(1/d) (spec §2.2, §4B E6, §5 "Haar tight frame, r = 2").
 */
import type { FrameResult } from './p1-e6-frame.ts';
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { lowerBound } from '../science/p1/index.ts';
import { P1_SPEC, p1Check } from './lib/checks-p1.ts';
import { distinct, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p1-figure.ts';

const HAAR_R2 = { 50: 'p1.e6.haar-r2-d50', 100: 'p1.e6.haar-r2-d100', 200: 'p1.e6.haar-r2-d200' } as const;

export default defineStage({
  name: 'p1-e6',
  description: 'E6: Haar tight frames: R* − κ/(r+κ) shrinks like 1/d.',
  deps: ['p1-e6-frame'],
  run(ctx) {
    const runs = readTraced<FrameResult>(ctx.inputs('p1-e6-frame'), 'result.json');
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const dims = distinct(runs.map((u) => u.d));
    for (const r of distinct(runs.map((u) => u.r))) {
      const gapTimesD: number[] = [];
      for (const d of dims) {
        const group = runs.filter((u) => u.r === r && u.d === d);
        if (group.length === 0) continue;
        const lb = lowerBound(group[0]!.n / d);
        rows.push(pointRow(`Haar tight frame, r=${r}`, d, group.map((u) => u.risk), undefined, idsOf(group)));
        rows.push(lineRow(`κ/(r+κ), r=${r}`, d, lb));
        const m = meanSd(group.map((u) => u.risk)).mean;
        gapTimesD.push((m - lb) * d);
        const label = `r=${r}, d=${d}`;
        checks.push(p1Check('p1.e6.above-lb', { measured: Math.min(...group.map((u) => u.risk)), target: lb, label }));
        const id = HAAR_R2[d as keyof typeof HAAR_R2];
        if (r === 2 && id) checks.push(p1Check(id, { measured: m, target: P1_SPEC.haarR2[d]!, label }));
      }
      if (gapTimesD.length >= 3) {
        // gap·d ≈ constant: compare the two largest d (the smallest d carry larger O(1/d²) terms).
        const [a, b] = gapTimesD.slice(-2) as [number, number];
        checks.push(p1Check('p1.e6.gap-d-ratio', { measured: b / a, target: 1, size: { d: Math.max(...dims) }, label: `r=${r}, d=${dims.slice(-2).join(' vs ')}` }));
      }
    }
    const fig: FigureData = {
      id: 'p1-e6',
      paper: 1,
      title: 'Finite-size effect: tight frames approach κ/(r+κ) like 1/d',
      claim: 'For r > 1 the bound κ/(r+κ) is asymptotic: unit-norm tight frames with incoherent rows reach it as d → ∞, with a gap O(1/d) from the higher Hadamard powers of the Gram matrix.',
      kind: 'curves',
      x: { label: 'input dimension d', scale: 'log' },
      y: { label: 'exact MSE per coordinate R*' },
      rows,
      checks,
      notes: ['First d columns of a Haar n×n orthogonal matrix, rows renormalised; exact R* in float64; ± sd over seeds. n = round(r·d); the theory line uses r = n/d.'],
    };
    ctx.writeJson('figure.json', fig);
  },
});
