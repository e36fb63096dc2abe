/**
 * Paper 1's checks as data (spec `paper1-fundamental-limits.md`): one row per claim, with the
 * spec row, the band and the smallest size at which the band holds. The figure stages gather
 * measured values and their references (from `science/p1`, or the spec's own measured numbers in
 * `P1_SPEC` below) and hand them to the shared evaluator `./checks.ts`.
 *
 * Size names used in `holdsAt`: `d` (input dimension), `flowTime` (gradient-flow time η·T of
 * projected GD, η on L = d·R*), `iterations` (steps of the §3.2 variants, whose steps are fixed
 * by the spec), `k` (whitened components seen by the E5 autoencoder), `nTrain` (E5 training rows),
 * `steps` (E5 S1 Adam steps).
 */
import type { FigureCheck } from '../../report/figure-data.ts';
import { checkTable, evaluate, notRun, type Measurement } from './checks.ts';

/**
 * Numbers the spec states as measurements (finite-d or finite-time values that no closed form in
 * `science/` gives); closed-form references (LB(r), tied scale, tight-frame RMS, water-filling)
 * are computed by `science/p1` instead.
 */
export const P1_SPEC = {
  /** §5 "Gaussian B (i.i.d.), optimal A" at d = 100 (± 0.005 depending on seed). */
  initRiskD100: { 0.5: 0.721, 1: 0.519, 2: 0.303 } as Readonly<Record<number, number>>,
  /** §4B E2 (corrected): off-diagonal Gram RMS decay per unit of η·t, measured between η·t = 1 and 2.5. */
  offdiagDecayRate: 1.2,
  /** §4B E2: R at r = 2 after η·t = 50. */
  r2AtFlow50: 0.2225,
  /** §3.2(b): joint GD, r = 2, R at iteration 100. */
  jointR2At100: 0.22317,
  /** §3.2(c): tied GD, final R at r = 2. */
  tiedR2Final: 0.222523,
  /** §5 "Haar tight frame, r = 2", exact R* by d (tolerance in the check rows). */
  haarR2: { 50: 0.2249, 100: 0.2235, 200: 0.2227 } as Readonly<Record<number, number>>,
} as const;

const AT_D100 = { d: 100 } as const;
const E5_SIZE = { k: 200, nTrain: 8000, steps: 3000 } as const;

export const P1_CHECKS = checkTable([
  // E1: loss vs rate.
  { id: 'p1.e1.gd-at-lb', claim: 'E1: GD final R = 1 − 2r/π (worst seed)', spec: 'P1 §5 population GD, r ≤ 1', band: { abs: 1e-6 } },
  { id: 'p1.e1.gd-above-lb', claim: 'E1: 0 ≤ GD − κ/(r+κ) < 2e-3 (mean over seeds)', spec: 'P1 §5 population GD, r > 1', band: { lo: 0, hi: 2e-3 }, holdsAt: { d: 100, flowTime: 200 } },
  { id: 'p1.e1.never-below', claim: 'E1: GD never below the limit (best seed)', spec: 'P1 §5 population GD', band: { lo: -1e-9, hi: Infinity }, tolerance: '≥ 0' },
  { id: 'p1.e1.init-risk', claim: 'E1: risk at Gaussian init, d = 100 (mean)', spec: 'P1 §5 Gaussian B (i.i.d.), optimal A', band: { abs: 0.005 }, holdsAt: AT_D100 },
  // E2: training curves, in gradient-flow time η·t.
  { id: 'p1.e2.gap-flow-2.5', claim: 'E2: R − LB < 2e-4 at η·t = 2.5, r = 0.5 (worst seed, fp32)', spec: 'P1 §4B E2 (corrected)', band: { lo: -1e-5, hi: 2e-4 }, tolerance: '< 2e-4', holdsAt: AT_D100 },
  { id: 'p1.e2.gap-flow-3', claim: 'E2: R − LB < 1e-4 at η·t = 3, r = 0.5 (worst seed, fp32)', spec: 'P1 §4B E2 (corrected)', band: { lo: -1e-5, hi: 1e-4 }, tolerance: '< 1e-4', holdsAt: AT_D100 },
  { id: 'p1.e2.offdiag-rate', claim: 'E2: off-diagonal Gram RMS decay rate per unit η·t (η·t 1 → 2.5), r = 0.5 (mean)', spec: 'P1 §4B E2 (corrected)', band: { abs: 0.1 }, holdsAt: AT_D100 },
  { id: 'p1.e2.r2-at-flow-50', claim: 'E2: R at η·t = 50, r = 2 (mean)', spec: 'P1 §4B E2', band: { abs: 5e-4 }, holdsAt: AT_D100 },
  { id: 'p1.e2.final-le-1', claim: 'E2: final R − LB, fp32 trace (worst seed)', spec: 'P1 §3.2 final R, r ≤ 1', band: { abs: 1e-5 } },
  { id: 'p1.e2.final-gt-1', claim: 'E2: final R − LB, fp32 trace (best seed)', spec: 'P1 §3.2 final R, r > 1', band: { lo: -1e-5, hi: 2e-3 }, holdsAt: { d: 100, flowTime: 200 } },
  { id: 'p1.e2.variant-final-le-1', claim: 'E2: variant final R − LB (float64, worst seed)', spec: 'P1 §3.2(b),(c) r ≤ 1', band: { lo: -1e-9, hi: 1e-6 }, tolerance: '≤ 1e-6' },
  { id: 'p1.e2.variant-final-gt-1', claim: 'E2: variant final R − LB (float64, best seed)', spec: 'P1 §3.2(b),(c) r > 1', band: { lo: 0, hi: 2e-3 }, holdsAt: { d: 100, iterations: 1000 } },
  { id: 'p1.e2.variant-never-below', claim: 'E2: variant never below LB (best seed)', spec: 'P1 §5 population GD', band: { lo: -1e-9, hi: Infinity }, tolerance: '≥ 0' },
  { id: 'p1.e2.joint-t100-r0.5', claim: 'E2 (b) joint: R at t = 100, r = 0.5 (worst seed)', spec: 'P1 §3.2(b)', band: { abs: 1e-5 }, holdsAt: AT_D100 },
  { id: 'p1.e2.joint-t100-r2', claim: 'E2 (b) joint: R at t = 100, r = 2 (mean)', spec: 'P1 §3.2(b)', band: { abs: 5e-4 }, holdsAt: AT_D100 },
  { id: 'p1.e2.tied-final-r2', claim: 'E2 (c) tied: final R at r = 2 (mean)', spec: 'P1 §3.2(c)', band: { abs: 5e-4 }, holdsAt: { d: 100, iterations: 1000 } },
  { id: 'p1.e2.tied-norm-le-1', claim: 'E2 (c) tied: mean row norm = √(2/π) (mean)', spec: 'P1 §3.2(c), §5 row 18', band: { abs: 1e-4 } },
  { id: 'p1.e2.tied-norm-gt-1', claim: 'E2 (c) tied: mean row norm = √(π/2)/(r+κ) (mean)', spec: 'P1 §3.2(c), §5 row 18', band: { rel: 0.01 }, holdsAt: { d: 100, iterations: 1000 } },
  // E3: learned structure.
  { id: 'p1.e3.eig-le-1', claim: 'E3: max |eig(ŴᵀŴ)/1 − 1| over nonzero eigenvalues (worst seed)', spec: 'P1 §4B E3, r ≤ 1', band: { lo: -Infinity, hi: 0.005 }, tolerance: '≤ 0.5%' },
  { id: 'p1.e3.eig-le-2', claim: 'E3: max |eig(ŴᵀŴ)/r − 1| (worst seed)', spec: 'P1 §4B E3 (corrected), 1 < r ≤ 2', band: { lo: -Infinity, hi: 0.005 }, tolerance: '≤ 0.5%', holdsAt: { d: 100, flowTime: 200 } },
  { id: 'p1.e3.eig-ge-3', claim: 'E3: max |eig(ŴᵀŴ)/r − 1| (worst seed)', spec: 'P1 §4B E3 (corrected), r ≥ 3', band: { lo: -Infinity, hi: 0.005 }, tolerance: '≤ 0.5%', holdsAt: { d: 100, flowTime: 400 } },
  { id: 'p1.e3.offdiag-max', claim: 'E3: max |G_ij| (i ≠ j) after GD (worst seed)', spec: 'P1 §4B E3, r ≤ 1', band: { lo: -Infinity, hi: 1e-3 }, tolerance: '< 1e-3', holdsAt: { flowTime: 10 } },
  { id: 'p1.e3.offdiag-rms', claim: 'E3: off-diagonal RMS = √((r−1)/(n−1)) (worst seed)', spec: 'P1 §4B E3, r > 1', band: { rel: 0.02 } },
  { id: 'p1.e3.tied-le-1', claim: 'E3: ‖A* − cŴᵀ‖/‖A*‖ (weight tying, worst seed)', spec: 'P1 §4B E3, r ≤ 1', band: { lo: -Infinity, hi: 1e-3 }, tolerance: '< 1e-3', holdsAt: { flowTime: 10 } },
  { id: 'p1.e3.tied-gt-1', claim: 'E3: ‖A* − cŴᵀ‖/‖A*‖ (weight tying, worst seed)', spec: 'P1 §4B E3, r > 1', band: { lo: -Infinity, hi: 0.1 }, tolerance: '< 0.1' },
  { id: 'p1.e3.tied-scale', claim: 'E3: fitted tied scale = c(r) (mean)', spec: 'P1 §4B E3, §5 row 18', band: { rel: 0.01 } },
  // E4: general covariance.
  { id: 'p1.e4.gd-within', claim: 'E4: GD − water-filling ≤ 0.003 (worst seed)', spec: 'P1 §4B E4, §5 water-filling vs GD', band: { lo: -Infinity, hi: 0.003 }, tolerance: '≤ 0.003', holdsAt: AT_D100 },
  { id: 'p1.e4.gd-above', claim: 'E4: GD never below water-filling (best seed)', spec: 'P1 §5 water-filling vs GD', band: { lo: 0, hi: Infinity }, tolerance: '≥ 0' },
  { id: 'p1.e4.below-pca', claim: 'E4: GD below the PCA-sign baseline (mean)', spec: 'P1 §4B E4', band: { lo: -Infinity, hi: 0 }, tolerance: '< PCA-sign' },
  // E5: real data vs a same-size Gaussian control.
  { id: 'p1.e5.control-train', claim: 'E5: |data − Gaussian control|, train (mean over seeds)', spec: 'P1 §4B E5 (corrected)', band: { abs: 0.02 }, holdsAt: E5_SIZE },
  { id: 'p1.e5.control-test', claim: 'E5: |data − Gaussian control|, test (mean over seeds)', spec: 'P1 §4B E5 (corrected)', band: { abs: 0.02 }, holdsAt: E5_SIZE },
  { id: 'p1.e5.test-above-lb', claim: 'E5: test − (1 − 2r/π) ∈ [0, 0.04] (mean over seeds)', spec: 'P1 §4B E5 (corrected)', band: { lo: 0, hi: 0.04 }, holdsAt: E5_SIZE },
  { id: 'p1.e5.s3-train', claim: 'E5 S3: train − (1 − 2r/π) (mean over seeds)', spec: 'P1 §4B E5 (corrected), S3 only', band: { abs: 0.02 }, holdsAt: { k: 200, nTrain: 8000 } },
  // E6: finite-size effect of Haar tight frames.
  { id: 'p1.e6.above-lb', claim: 'E6: R* − κ/(r+κ) > 0 (best seed)', spec: 'P1 §2.2', band: { lo: 0, hi: Infinity }, tolerance: '> 0' },
  { id: 'p1.e6.haar-r2-d50', claim: 'E6: Haar tight frame r = 2, d = 50 (mean)', spec: 'P1 §5 Haar tight frame', band: { abs: 0.0005 } },
  { id: 'p1.e6.haar-r2-d100', claim: 'E6: Haar tight frame r = 2, d = 100 (mean)', spec: 'P1 §5 Haar tight frame', band: { abs: 0.0003 } },
  { id: 'p1.e6.haar-r2-d200', claim: 'E6: Haar tight frame r = 2, d = 200 (mean)', spec: 'P1 §5 Haar tight frame', band: { abs: 0.0001 } },
  { id: 'p1.e6.gap-d-ratio', claim: 'E6: gap·d at the two largest d, ratio', spec: 'P1 §4B E6 (gap O(1/d))', band: { abs: 0.15 }, holdsAt: { d: 200 } },
] as const);

export type P1CheckId = keyof typeof P1_CHECKS;

/** Evaluates one measurement against the P1 row `id`. */
export function p1Check(id: P1CheckId, m: Measurement): FigureCheck {
  return evaluate(P1_CHECKS[id], m);
}

/** Each P1 row `id` listed as not run (e.g. its dataset is not installed), never passed. */
export function p1NotRun(id: P1CheckId, reason: string, label?: string): FigureCheck {
  return notRun(P1_CHECKS[id], reason, label);
}
