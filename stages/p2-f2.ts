/**
 * P2 F2: the phase transition in the GD minimizer on sparse Rademacher data at r = 1
 * (spec §2.4, §4 F2): rotation (ℓ(B) ~ Haar) below p*, (dithered) identity above,
 * with loss ≈ min(L_rot, L_did). BG data never switch.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { criticalDensity, lossDitheredIdentity, lossIdentity, lossRotation, m1Squared, type NonzeroLaw } from '../science/p2/index.ts';
import { evaluate } from './lib/checks.ts';
import { P2_CHECKS, P2_SPEC } from './lib/checks-p2.ts';
import { groupBy, idsOf, lineRow, meanSd, pointRow, readTraced } from './lib/p2-figure.ts';

interface Result {
  risk: number;
  ell: number;
  protocol: { steps: number };
}

/** The sizes a group of seeds ran at, for `holdsAt`. */
const sizeOf = (d: number, res: Result[]) => ({ d, seeds: res.length, steps: Math.min(...res.map((x) => x.protocol.steps)) });

export default defineStage({
  name: 'p2-f2',
  description: 'F2: GD minimizer switches from rotation to identity as the density p crosses p*.',
  deps: ['p2-gd'],
  run(ctx) {
    /** p2.f2.law: the "general" non-zero law showing the transition (default rademacher). */
    const law: NonzeroLaw = ctx.params.p2.f2.law;
    const rows: FigureRow[] = [];
    const checks: FigureCheck[] = [];
    for (const l of [law, 'gauss'] as const) {
      const name = l === 'gauss' ? 'BG' : l;
      const m1 = m1Squared(l);
      for (let k = 0; k <= 80; k++) {
        const p = 0.2 + k * 0.01;
        rows.push(lineRow('L_rot', p, lossRotation(1), `${name}: MSE`));
        rows.push(lineRow('L_id (coin flip)', p, lossIdentity(1, p, m1), `${name}: MSE`));
        rows.push(lineRow('L_did (dithered)', p, lossDitheredIdentity(p, m1), `${name}: MSE`));
      }
      for (const [label, ps] of [['p* exact', criticalDensity(m1)], ['p* dithered', criticalDensity(m1, { signZero: 'dither' })]] as const) {
        if (ps !== null) for (const y of [0, 1]) rows.push(lineRow(label, ps, y, `${name}: MSE`));
      }
      const runs = ctx.inputs('p2-gd', { law: l, r: 1 });
      for (const [key, group] of groupBy(runs, (u) => `${u.instance.d}|${u.instance.p}`)) {
        const [d, p] = key.split('|').map(Number) as [number, number];
        const res = readTraced<Result>(group, 'result.json');
        const risk = pointRow(`GD d=${d}`, p, res.map((x) => x.risk), `${name}: MSE`, idsOf(res));
        const ell = pointRow(`GD d=${d}`, p, res.map((x) => x.ell), `${name}: ℓ(B)`, idsOf(res));
        rows.push(risk, ell);
        const size = sizeOf(d, res);
        const label = `p=${p}, d=${d}`;
        if (l !== 'gauss') {
          const target = Math.min(lossRotation(1), lossDitheredIdentity(p, m1));
          checks.push(evaluate(P2_CHECKS['p2.f2.sr-loss'], { measured: risk.y, target, size, label }));
        } else {
          // At p < 0.3 the finite-d excess exceeds the band even for a Haar encoder (F1 checks it there).
          if (p >= 0.3) checks.push(evaluate(P2_CHECKS['p2.f2.bg-loss'], { measured: risk.y, target: lossRotation(1), size, label }));
          checks.push(evaluate(P2_CHECKS['p2.f2.bg-ell'], { measured: ell.y, target: P2_SPEC.haarEll[d] ?? NaN, size, label }));
        }
      }
      if (l !== 'gauss') checks.push(...shapeChecks(runs.map((u) => ({ d: u.instance.d as number, p: u.instance.p as number, res: u.json<Result>('result.json') }))));
    }
    const fig: FigureData = {
      id: 'p2-f2',
      paper: 2,
      title: 'Phase transition of the GD minimizer: rotation → identity',
      claim: 'For sparse non-Gaussian data, GD finds a random rotation below a critical density and a (dithered) permutation above it; the loss follows min(L_rot, L_did). For BG data it stays at the rotation.',
      kind: 'curves',
      x: { label: 'density p of non-zeros' },
      y: {
        label: 'MSE per coordinate / ℓ(B)',
        panels: Object.fromEntries([law, 'gauss'].map((l) => (l === 'gauss' ? 'BG' : l)).flatMap((n) => [[`${n}: MSE`, 'MSE per coordinate'], [`${n}: ℓ(B)`, 'ℓ(B)']])),
      },
      rows,
      checks,
      notes: ['r = 1. ℓ(B) = mean over rows of the largest squared entry (identity → 1, Haar ≈ 0.105 at d = 64).', 'Asymptotic p*: 0.5724 (dithered identity, what GD realizes) and 2/π = 0.6366 (exact identity, coin-flip sign(0)).'],
    };
    ctx.writeJson('figure.json', fig);
  },
});

/**
 * ℓ(B) is rotation-like (< 0.3) at p ≤ 0.4, identity-like (> 0.95) at p ≥ 0.6, and jumps in the
 * finite-d window 0.45–0.6 (spec §4 F2, §2.4 table, N9), per d, on the means over seeds.
 */
function shapeChecks(runs: { d: number; p: number; res: Result }[]): FigureCheck[] {
  const checks: FigureCheck[] = [];
  for (const [d, group] of groupBy(runs, (x) => String(x.d))) {
    const byP = [...groupBy(group, (x) => String(x.p))]
      .map(([p, g]) => ({ p: +p, ell: meanSd(g.map((x) => x.res.ell)).mean, size: sizeOf(+d, g.map((x) => x.res)) }))
      .sort((a, b) => a.p - b.p);
    const low = byP.filter((x) => x.p <= 0.4);
    const high = byP.filter((x) => x.p >= 0.6);
    const smallest = (xs: typeof byP) => ({ d: +d, seeds: Math.min(...xs.map((x) => x.size.seeds)), steps: Math.min(...xs.map((x) => x.size.steps)) });
    if (low.length) {
      checks.push(evaluate(P2_CHECKS['p2.f2.ell-rotation'], { measured: Math.max(...low.map((x) => x.ell)), target: 0.3, size: smallest(low), label: `d=${d}` }));
    }
    if (high.length) {
      checks.push(evaluate(P2_CHECKS['p2.f2.ell-identity'], { measured: Math.min(...high.map((x) => x.ell)), target: 0.95, size: smallest(high), label: `d=${d}` }));
    }
    const jump = byP.find((x) => x.ell > 0.5);
    // Only meaningful when the grid brackets the switch (a point on each side).
    if (jump && low.length && high.length) {
      const { lo } = P2_SPEC.switchWindow;
      checks.push(evaluate(P2_CHECKS['p2.f2.switch'], { measured: jump.p, target: lo, size: smallest(byP), label: `d=${d}` }));
    }
  }
  return checks;
}
