/**
 * P2 F2: the phase transition in the GD minimizer on sparse Rademacher data at r = 1
 * (spec §2.4, §4 F2): rotation (ℓ(B) ~ Haar) below p*, (dithered) identity above,
 * with loss ≈ min(L_rot, L_did). BG data never switch.
 */
import { defineStage } from '../engine/stage.ts';
import type { FigureCheck, FigureData, FigureRow } from '../report/figure-data.ts';
import { criticalDensity, lossDitheredIdentity, lossIdentity, lossRotation, m1Squared, type NonzeroLaw } from '../science/p2/index.ts';
import { bandCheck, groupBy, lineRow, meanSd, pointRow } from './lib/p2-figure.ts';

interface Result {
  risk: number;
  ell: number;
}

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
        const res = group.map((u) => u.json<Result>('result.json'));
        const risk = pointRow(`GD d=${d}`, p, res.map((x) => x.risk), `${name}: MSE`);
        const ell = pointRow(`GD d=${d}`, p, res.map((x) => x.ell), `${name}: ℓ(B)`);
        rows.push(risk, ell);
        const target = l === 'gauss' ? lossRotation(1) : Math.min(lossRotation(1), lossDitheredIdentity(p, m1));
        checks.push(bandCheck(`F2 ${name}: GD loss − min(L_rot, L_did) at p=${p}, d=${d}`, risk.y, target, 0.01));
        if (l === 'gauss') checks.push({ name: `F2 BG: ℓ(B) at p=${p}, d=${d} (delocalized)`, measured: ell.y, target: '< 0.105 (Haar)', tolerance: 0, pass: ell.y < 0.105 });
      }
      if (l !== 'gauss') checks.push(...jumpChecks(runs.map((u) => ({ d: u.instance.d as number, p: u.instance.p as number, ell: u.json<Result>('result.json').ell }))));
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

/** ℓ(B) jumps from Haar level to ≈ 1 between p = 0.45 and 0.6 (spec §4 F2, §2.4 table). */
function jumpChecks(res: { d: number; p: number; ell: number }[]): FigureCheck[] {
  const checks: FigureCheck[] = [];
  for (const [d, group] of groupBy(res, (x) => String(x.d))) {
    const byP = [...groupBy(group, (x) => String(x.p))].map(([p, g]) => ({ p: +p, ell: meanSd(g.map((x) => x.ell)).mean })).sort((a, b) => a.p - b.p);
    const low = byP.filter((x) => x.p <= 0.45);
    const high = byP.filter((x) => x.p >= 0.6);
    if (low.length) {
      const m = Math.max(...low.map((x) => x.ell));
      checks.push({ name: `F2: max ℓ(B) for p ≤ 0.45 (d=${d}), rotation side`, measured: m, target: '< 0.95', tolerance: 0, pass: m < 0.95 });
    }
    if (high.length) {
      const m = Math.min(...high.map((x) => x.ell));
      checks.push({ name: `F2: min ℓ(B) for p ≥ 0.6 (d=${d}), identity side`, measured: m, target: '> 0.95', tolerance: 0, pass: m > 0.95 });
    }
    const jump = byP.find((x) => x.ell > 0.5);
    if (jump && low.length) {
      checks.push({ name: `F2: first p with ℓ(B) > 0.5 (d=${d})`, measured: jump.p, target: 'in [0.45, 0.6]', tolerance: 0, pass: jump.p >= 0.45 && jump.p <= 0.6 });
    }
  }
  return checks;
}
