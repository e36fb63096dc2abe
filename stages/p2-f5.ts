/**
 * P2 F5: MSE against decoder depth t = 1…L (spec §4 F5, N5): state evolution and
 * finite-d simulation of the unrolled VAMP decoder.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { stateEvolution } from '../science/p2/index.ts';
import { evaluate } from './lib/checks.ts';
import { simRow } from './lib/checks-p2.ts';
import { idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p2-figure.ts';
import type { SimResult } from './lib/p2-sim-result.ts';

export default defineStage({
  name: 'p2-f5',
  description: 'F5: MSE of the unrolled VAMP decoder against its depth, SE and simulation.',
  deps: ['p2-vamp-sim'],
  run(ctx) {
    /** p2.f5.cases: the (r, p) curves shown. */
    const cases: { r: number; p: number }[] = ctx.params.p2.f5.cases;
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    for (const { r, p } of cases) {
      const res = readTraced<SimResult>(ctx.inputs('p2-vamp-sim', { r, p }), 'sim.json');
      const L = res[0]?.layers.length ?? 10;
      const se = stateEvolution(r, p, { layers: L });
      const label = `r=${r}, p=${p}`;
      se.forEach((y, t) => rows.push(lineRow(`SE ${label}`, t + 1, y)));
      if (!res.length) continue;
      const size = { d: res[0]!.d, seeds: res.length };
      for (let t = 0; t < L; t++) {
        const vals = res.map((x) => x.layers[t]!.ratio);
        rows.push(pointRow(`sim ${label} (d=${res[0]!.d})`, t + 1, vals, undefined, idsOf(res)));
        checks.push(evaluate(simRow(p), { measured: meanSd(vals).mean, target: se[t]!, size, label: `F5 ${label}, t=${t + 1}` }));
      }
    }
    const fig: FigureData = {
      id: 'p2-f5',
      paper: 2,
      title: 'MSE against decoder depth',
      claim: 'Each additional layer of the multi-layer decoder lowers the MSE, converging in a few layers to the SE fixed point; simulation follows state evolution.',
      kind: 'curves',
      x: { label: 'layer t' },
      y: { label: 'MSE per coordinate', scale: 'log' },
      rows,
      checks,
      notes: ['Ratio metric Σ‖x̂ − x‖²/Σ‖x‖², mean ± sd over seeds. At small p the finite-d bias is positive and ∝ 1/d (spec §2.6), hence one-sided bands.'],
    };
    ctx.writeJson('figure.json', fig);
  },
});
