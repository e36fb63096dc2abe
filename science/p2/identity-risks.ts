/**
 * Risks of the optimal linear decoder for the three encoder shapes competing in
 * the phase transition (P2 spec §2.4, N6), for i.i.d. data xᵢ = sᵢYᵢ/√p with
 * m₁ = E|Y|, as d → ∞:
 *
 *   random rotation (r ≤ 1)                 L_rot(r)    = 1 − 2r/π
 *   identity, sign(0) = fair coin (1-bit)   L_id(r, p)  = 1 − r p m₁²
 *   identity, sign(0) = 0 (ternary)         L_id⁰(r)    = 1 − r m₁²
 *   dithered identity, r = 1                L_did(p)    = (1 − p m₁² − κ²)/√(1 − 4p m₁² κ²),
 *                                           κ² = (2/π)(1 − p)²
 *
 * L_did is the ε → 0⁺ limit of rownorm(I + εO), O Haar (Appendix A3), the
 * convention GD realizes.
 */

/** How sign(0) is resolved for rows of B that hit exact zeros (spec §1.2). */
export type SignZero = 'coin' | 'zero' | 'dither';

/** L_rot(r) = 1 − 2r/π for r ≤ 1. */
export function lossRotation(r: number): number {
  if (!(r > 0 && r <= 1)) throw new RangeError(`lossRotation: r must be in (0, 1], got ${r}`);
  return 1 - (2 * r) / Math.PI;
}

/**
 * Identity / partial-permutation encoder keeping n = rd coordinates.
 * `coin` (default, 1-bit): 1 − r p m₁²; `zero` (ternary): 1 − r m₁²;
 * `dither` (r = 1 only): L_did(p).
 */
export function lossIdentity(r: number, p: number, m1sq: number, signZero: SignZero = 'coin'): number {
  if (!(r > 0 && r <= 1)) throw new RangeError(`lossIdentity: r must be in (0, 1], got ${r}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`lossIdentity: p must be in (0, 1], got ${p}`);
  switch (signZero) {
    case 'coin':
      return 1 - r * p * m1sq;
    case 'zero':
      return 1 - r * m1sq;
    case 'dither':
      if (r !== 1) throw new RangeError(`lossIdentity: the dithered identity is derived for r = 1 only, got r = ${r}`);
      return lossDitheredIdentity(p, m1sq);
  }
}

/** L_did(p) at r = 1 (spec §2.4, Appendix A3). */
export function lossDitheredIdentity(p: number, m1sq: number): number {
  const k2 = (2 / Math.PI) * (1 - p) ** 2;
  return (1 - p * m1sq - k2) / Math.sqrt(1 - 4 * p * m1sq * k2);
}

export interface CriticalDensityOptions {
  /** Which identity competes with the rotation. @default 'coin' */
  signZero?: Exclude<SignZero, 'zero'>;
  /** Rate (only r = 1 for `dither`). @default 1 */
  r?: number;
}

/**
 * Critical density p* above which the (dithered) identity beats the rotation, or
 * `null` when it never does for p < 1 (BG, Laplace).
 * coin: p* = 2/(π m₁²) for every r ≤ 1. dither: root of L_did(p) = 1 − 2/π by bisection.
 */
export function criticalDensity(m1sq: number, options: CriticalDensityOptions = {}): number | null {
  const { signZero = 'coin', r = 1 } = options;
  if (signZero === 'coin') {
    const ps = 2 / (Math.PI * m1sq);
    return ps < 1 ? ps : null;
  }
  const target = lossRotation(r);
  const g = (p: number) => lossIdentity(r, p, m1sq, 'dither') - target;
  // g > 0 at small p; look for the last sign change on a grid, then bisect.
  const grid = 1000;
  let lo = -1;
  for (let k = grid - 1; k >= 1; k--) {
    if (g(k / grid) > 0) {
      lo = k / grid;
      break;
    }
  }
  if (lo < 0 || lo >= 1 - 1 / grid || g(lo + 1 / grid) >= 0) return null;
  let a = lo;
  let b = lo + 1 / grid;
  for (let i = 0; i < 60; i++) {
    const mid = (a + b) / 2;
    if (g(mid) > 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}
