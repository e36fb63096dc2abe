/**
 * Figure R2 (P3 §3.2): shrinkage vs ℓ2 regularisation — fixed-point gains g_k(∞) against λ, one
 * panel per activation. Lines: the §2.5 fixed point (active set, Newton) on a fine λ grid; points:
 * the ODE endpoint at T = p3.r2.odeT from small initialisation (an independent route).
 * Checks: E1, E2, E4, E5, E6 (§4.1).
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { canonicalSpectrum, deathThreshold, fixedPoint, integrateReducedOde, type Activation } from '../science/p3/index.ts';
import { closeCheck } from './lib/p3-common.ts';

export default defineStage({
  name: 'p3-r2',
  description: 'P3 R2: fixed-point gains vs λ for tanh, erf, linear, ReLU.',
  run(ctx) {
    /** p3.r2.lambdas (ODE points), p3.r2.activations (panels), p3.r2.odeT / odeDt (ODE horizon and step), p3.r0. */
    const lambdas: number[] = ctx.params.p3.r2.lambdas;
    const acts: Activation[] = ctx.params.p3.r2.activations;
    const odeT: number = ctx.params.p3.r2.odeT;
    const odeDt: number = ctx.params.p3.r2.odeDt;
    const c0 = ctx.params.p3.r0 ** 2;
    const s = canonicalSpectrum();
    const rows: FigureRow[] = [];
    const lamMax = Math.max(...lambdas, 0.1);
    acts.forEach((act, a) => {
      for (let i = 0; i <= 200; i++) {
        const lambda = (lamMax * i) / 200;
        const fp = fixedPoint(s, act, lambda);
        for (let k = 0; k < 3; k++) rows.push({ series: `fixed point g${k + 1}`, kind: 'theory', x: lambda, y: fp.g[k]!, panel: act });
      }
      lambdas.forEach((lambda, j) => {
        const end = integrateReducedOde(s, act, [odeT], { lambda, c0, dt: odeDt });
        for (let k = 0; k < 3; k++) rows.push({ series: `ODE T=${odeT} g${k + 1}`, kind: 'experiment', x: lambda, y: end.g[0]![k]!, panel: act });
        ctx.progress((a * lambdas.length + j + 1) / (acts.length * lambdas.length));
      });
    });
    const checks: FigureCheck[] = [];
    const e1 = fixedPoint(s, 'tanh', 0.1);
    [0.9162, 0.8101, 0.3855].forEach((g, k) => checks.push(closeCheck(`E1: tanh λ=0.1 g${k + 1}`, e1.g[k]!, g, 1e-3)));
    checks.push(closeCheck('E1: tanh λ=0.1 R', e1.R, 0.05285, 1e-3));
    const e2 = fixedPoint(s, 'tanh', 0.5);
    [0.7436, 0.3198, 0].forEach((g, k) => checks.push(closeCheck(`E2: tanh λ=0.5 g${k + 1}`, e2.g[k]!, g, 1e-3)));
    checks.push(closeCheck('E2: tanh λ=0.5 R', e2.R, 0.32518, 1e-3));
    const e4 = fixedPoint(s, 'linear', 1);
    [0.875, 0.5, 0].forEach((g, k) => checks.push(closeCheck(`E4: linear λ=1 g${k + 1}`, e4.g[k]!, g, 1e-6)));
    checks.push(closeCheck('E4: linear λ=1 R', e4.R, 0.1875, 1e-6));
    const e5 = fixedPoint(s, 'relu', 0.5);
    [0.875, 0.5, 0].forEach((g, k) => checks.push(closeCheck(`E5: ReLU λ=0.5 g${k + 1}`, e5.g[k]!, g, 1e-6)));
    checks.push(closeCheck('E5: ReLU λ=0.5 R', e5.R, 0.1875, 1e-6));
    checks.push(closeCheck('E6: tanh death threshold, subspace 3', deathThreshold(s, 'tanh', 3), 0.1756, 2e-3));
    checks.push(closeCheck('E6: tanh death threshold, subspace 2', deathThreshold(s, 'tanh', 2), 0.8871, 2e-3));
    const fig: FigureData = {
      id: 'p3-r2',
      paper: 3,
      title: 'R2 — nonlinear shrinkage vs ℓ2 regularisation (fixed points)',
      claim: 'At the same λ the nonlinear (tanh, erf) autoencoder shrinks far more than the linear one and kills subspaces earlier (tanh: subspace 3 dies at λ = 0.1756, linear at 0.5).',
      kind: 'curves',
      x: { label: 'λ' },
      y: { label: 'final gain g_k(∞)' },
      rows,
      checks,
      notes: [`Points: ODE from c_k(0) = ${c0} integrated to T = ${odeT} (dt = ${odeDt}); near a death threshold the dying subspace decays slowly, so the ODE point may still sit above 0.`],
    };
    ctx.writeJson('figure.json', fig);
  },
});
