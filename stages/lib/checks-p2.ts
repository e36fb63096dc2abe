/**
 * Paper 2's checks as data (spec `paper2-structured-data.md`): one row per claim, with the spec
 * row, the band and the smallest size at which the band holds. The figure stages gather measured
 * values and their references (closed forms and state evolution from `science/p2`, the Haar
 * control measured alongside each GD run, or the spec's own measured numbers in `P2_SPEC`) and
 * hand them to the shared evaluator `./checks.ts`.
 *
 * Size names used in `holdsAt`: `d` (input dimension of the encoder; k for F6), `seeds`, `steps`
 * (G2 Adam steps: the spec's protocol is 4000 at lr 3e-3, batch 1024).
 */
import { checkTable, type CheckDef } from './checks.ts';

/** Numbers the spec states as measurements (no closed form in `science/p2` gives them). */
export const P2_SPEC = {
  /** §3 "Tracked quantities": ℓ(B) of a Haar matrix by d (mean over rows of the largest squared entry). */
  haarEll: { 64: 0.105, 128: 0.064, 256: 0.036, 1000: 0.012 } as Readonly<Record<number, number>>,
  /** §4 F2 / §2.4: the finite-d window of the shape switch (d = 64: 0.45–0.5; d = 128: 0.5–0.6). */
  switchWindow: { lo: 0.45, hi: 0.6 },
} as const;

/** G2 at the spec's protocol (§3), 3 seeds, d ≥ 64. */
const G2 = { d: 64, seeds: 3, steps: 4000 } as const;
/** The finite-d decoder simulations of N7 (d ≥ 1000, ≥ 3 seeds). */
const N7 = { d: 1000, seeds: 3 } as const;
/** F6: a G2 encoder on the top k ≈ 200 whitened directions, 3 seeds. */
const F6 = { d: 200, seeds: 3, steps: 4000 } as const;
const OURS = '(ours: the spec gives no band)';

export const P2_CHECKS = checkTable([
  // F1: the linear AE on BG data ignores the sparsity.
  { id: 'p2.f1.gd-rgauss', claim: 'F1: GD − R_Gauss(r), BG p ≥ 0.3 (mean over seeds)', spec: 'P2 §4 F1 (corrected), N9', band: { lo: -0.005, hi: 0.01 }, tolerance: '+0.01/−0.005', holdsAt: G2 },
  { id: 'p2.f1.gd-vs-haar', claim: 'F1: GD − R*(Haar, same d), BG p < 0.3 (mean over seeds)', spec: 'P2 §4 F1 (corrected)', band: { lo: -Infinity, hi: 0.005 }, tolerance: '≤ +0.005', holdsAt: G2 },
  { id: 'p2.f1.gd-above-rgauss', claim: 'F1: GD − R_Gauss(r) ≥ −0.005, BG p < 0.3 (mean over seeds)', spec: 'P2 §4 F1 (corrected)', band: { lo: -0.005, hi: Infinity }, tolerance: '≥ −0.005', holdsAt: G2 },
  { id: 'p2.f1.sweep-slope', claim: 'F1 sweep: log–log slope of GD − R_Gauss against d (excess ∝ 1/d)', spec: 'P2 §4 F1 (corrected)', band: { abs: 0.3 }, tolerance: `−1 ± 0.3 ${OURS}`, holdsAt: { d: 256, seeds: 3, steps: 4000 } },
  { id: 'p2.f1.haar-slope', claim: 'F1 sweep: log–log slope of R*(Haar) − R_Gauss against d', spec: 'P2 §4 F1 (corrected audit: 3.8× from d = 64 to 256)', band: { abs: 0.3 }, tolerance: `−1 ± 0.3 ${OURS}`, holdsAt: { d: 256, seeds: 3 } },
  // F2: phase transition of the GD minimizer.
  { id: 'p2.f2.sr-loss', claim: 'F2 SR: GD loss − min(L_rot, L_did) (mean over seeds)', spec: 'P2 §4 F2 (corrected), N9', band: { abs: 0.01 }, holdsAt: G2 },
  { id: 'p2.f2.bg-loss', claim: 'F2 BG: GD loss − L_rot, p ≥ 0.3 (mean over seeds)', spec: 'P2 §4 F2, N9', band: { abs: 0.01 }, holdsAt: G2 },
  { id: 'p2.f2.bg-ell', claim: 'F2 BG: ℓ(B) − ℓ(Haar) ≤ 0, delocalized (mean over seeds)', spec: 'P2 §4 F2, N9', band: { lo: -Infinity, hi: 0 }, tolerance: '< ℓ(Haar)', holdsAt: G2 },
  { id: 'p2.f2.ell-rotation', claim: 'F2 SR: ℓ(B) < 0.3 at p ≤ 0.4, rotation side (largest mean over those p)', spec: 'P2 N9', band: { lo: -Infinity, hi: 0 }, tolerance: '< 0.3', holdsAt: G2 },
  { id: 'p2.f2.ell-identity', claim: 'F2 SR: ℓ(B) > 0.95 at p ≥ 0.6, identity side (smallest mean over those p)', spec: 'P2 N9, §2.4 table', band: { lo: 0, hi: Infinity }, tolerance: '> 0.95', holdsAt: G2 },
  { id: 'p2.f2.switch', claim: 'F2 SR: first p with mean ℓ(B) > 0.5', spec: 'P2 §4 F2, §2.4 (finite-d window 0.45–0.6)', band: { lo: 0, hi: 0.15 }, tolerance: 'p − 0.45 in [0, 0.15], i.e. p in [0.45, 0.6]', holdsAt: G2 },
  // F3: learned encoder structure (seed 0 heat maps).
  { id: 'p2.f3.permutation', claim: 'F3: ℓ(B) > 0.95, permutation', spec: 'P2 §4 F3, N9', band: { lo: 0, hi: Infinity }, tolerance: '> 0.95', holdsAt: { d: 64, steps: 4000 } },
  { id: 'p2.f3.dense', claim: 'F3: ℓ(B) < 0.3, dense', spec: 'P2 §4 F3, N9', band: { lo: -Infinity, hi: 0 }, tolerance: '< 0.3', holdsAt: { d: 64, steps: 4000 } },
  // F4 / F5: decoders by state evolution and finite-d simulation (ratio metric).
  { id: 'p2.n7.sim-dense', claim: 'sim − SE, p ≥ 0.3 (mean over seeds)', spec: 'P2 N7', band: { abs: 0.01 }, holdsAt: N7 },
  { id: 'p2.n7.sim-sparse', claim: 'sim − SE, 0.1 ≤ p < 0.3 (mean over seeds)', spec: 'P2 N7 (finite-d bias > 0, ∝ 1/d)', band: { lo: -0.005, hi: 0.015 }, tolerance: '+0.015/−0.005', holdsAt: N7 },
  { id: 'p2.n7.sim-very-sparse', claim: 'sim − SE, p < 0.1 (mean over seeds)', spec: 'P2 N7 (one-sided +0.02 at d = 1000)', band: { lo: -0.005, hi: 0.02 }, tolerance: '+0.02/−0.005', holdsAt: N7 },
  { id: 'p2.f4.theory-order', claim: 'F4 theory: linear > L1 > L2 > L3 > L5 > L∞ (smallest step)', spec: 'P2 §4 F4', band: { lo: 0, hi: Infinity }, tolerance: '> 0' },
  { id: 'p2.f4.sim-order', claim: 'F4 sim: linear > L1 > L2 (smallest step of the means)', spec: 'P2 §4 F4', band: { lo: 0, hi: Infinity }, tolerance: '> 0', holdsAt: N7 },
  // F6: real images.
  { id: 'p2.f6.linear', claim: 'F6: G2 encoder + optimal linear decoder − R_Gauss(r) (mean over seeds)', spec: 'P2 §4 F6 (corrected)', band: { abs: 0.03 }, tolerance: `±0.03 ${OURS}`, holdsAt: F6 },
  { id: 'p2.f6.l1', claim: 'F6: shallow denoiser L1 − BG prediction at the measured density (mean over seeds)', spec: 'P2 §4 F6 (corrected), N4', band: { lo: -0.02, hi: 0.05 }, tolerance: `+0.05/−0.02 ${OURS}`, holdsAt: F6 },
  { id: 'p2.f6.l5', claim: 'F6: 5-layer decoder L5 − BG prediction at the measured density (mean over seeds)', spec: 'P2 §4 F6 (corrected), N4', band: { lo: -0.02, hi: 0.05 }, tolerance: `+0.05/−0.02 ${OURS}`, holdsAt: F6 },
  { id: 'p2.f6.depth-order', claim: 'F6: linear > L1 > L5 (smallest step of the means)', spec: 'P2 §4 F6, F4 ordering', band: { lo: 0, hi: Infinity }, tolerance: '> 0', holdsAt: F6 },
] as const);

export type P2CheckId = keyof typeof P2_CHECKS;

/** The N7 row whose band applies at density p. */
export function simRow(p: number): CheckDef {
  return p >= 0.3 ? P2_CHECKS['p2.n7.sim-dense'] : p >= 0.1 ? P2_CHECKS['p2.n7.sim-sparse'] : P2_CHECKS['p2.n7.sim-very-sparse'];
}
