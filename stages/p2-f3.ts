/**
 * P2 F3: the learned encoders as heat maps of |B| (rows sorted by argmax column):
 * a permutation for dense-enough sparse Rademacher data, a dense matrix otherwise
 * (spec §4 F3).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { sortedAbsRows } from '../science/p2/index.ts';
import { evaluate } from './lib/checks.ts';
import { P2_CHECKS } from './lib/checks-p2.ts';

interface Panel {
  law: string;
  p: number;
  /** 'rotation' or 'permutation': which shape the spec expects. */
  expect: 'rotation' | 'permutation';
}

export default defineStage({
  name: 'p2-f3',
  description: 'F3: heat maps of learned |B|: permutation (SR, p above p*) against dense (SR below p*, BG).',
  deps: ['p2-gd'],
  run(ctx) {
    /** p2.f3.d: input dimension of the runs shown. */
    const d: number = ctx.params.p2.f3.d;
    /** p2.f3.panels: the (law, p) runs shown, with the expected shape. */
    const panels: Panel[] = ctx.params.p2.f3.panels;
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    for (const pan of panels) {
      const up = ctx.input('p2-gd', { law: pan.law, d, r: 1, p: pan.p, seed: 0 });
      const { n, ell, protocol } = up.json<{ n: number; ell: number; protocol: { steps: number } }>('result.json');
      const H = sortedAbsRows(up.f64('B.f64'), n, d);
      const label = `${pan.law === 'gauss' ? 'BG' : pan.law} p=${pan.p}`;
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) rows.push({ series: '|B|', kind: 'experiment', x: j, y: i, value: H[i * d + j]!, panel: label, instances: [up.id] });
      const size = { d, steps: protocol.steps };
      checks.push(
        pan.expect === 'permutation'
          ? evaluate(P2_CHECKS['p2.f3.permutation'], { measured: ell, target: 0.95, size, label })
          : evaluate(P2_CHECKS['p2.f3.dense'], { measured: ell, target: 0.3, size, label }),
      );
    }
    const fig: FigureData = {
      id: 'p2-f3',
      paper: 2,
      title: 'Learned encoder structure',
      claim: 'Above the critical density the learned B is a permutation up to a tiny leakage (max entry² ≈ 1); below it, and for Gaussian non-zeros at any density, B is dense.',
      kind: 'heatmap',
      x: { label: 'input coordinate j' },
      y: { label: 'code bit i (sorted by argmax column)' },
      rows,
      checks,
      notes: [`G2 runs at d = ${d}, r = 1, seed 0; rows normalized.`],
    };
    ctx.writeJson('figure.json', fig);
  },
});
