/**
 * V_u(τ) = E Var(u | z, m) for m ~ N(0, 1 − τ), u = m + √τ e, z = sign(u)
 * (P2 spec §2.6): the expected z-side posterior variance in state evolution.
 *
 *   V_u(τ) = E_m Σ_{z=±1} Φ(zm/√τ) · τ(1 − a_zλ_z − λ_z²),   a_z = zm/√τ, λ = φ/Φ.
 *
 * The integrand is even in m. For small τ it varies on the scale √τ around m = 0,
 * where Gauss–Hermite under-estimates V_u (spec §2.7: 9.44e-4 instead of 9.77e-4 at
 * τ = 1e-3, which drives SE to a spurious zero MSE). So: composite Simpson on
 * m ∈ [0, 12√(1−τ)] split at w = min(20√τ, 12√(1−τ)), each piece with its own grid.
 * V_u(1) = 1 − 2/π (m ≡ 0).
 */
import { phi, Phi, simpson } from '../numerics/index.ts';
import { signPosterior } from './sign-posterior.ts';

export interface VuOptions {
  /** Simpson intervals per piece. @default 2000 */
  intervals?: number;
}

/** Σ_z P(z|m) Var(u|z,m). */
function conditionalVar(m: number, tau: number): number {
  const a = m / Math.sqrt(tau);
  return Phi(a) * signPosterior(1, m, tau).var + Phi(-a) * signPosterior(-1, m, tau).var;
}

/** V_u(τ) for τ ∈ (0, 1]. */
export function vU(tau: number, options: VuOptions = {}): number {
  const { intervals = 2000 } = options;
  if (!(tau > 0 && tau <= 1 + 1e-12)) throw new RangeError(`vU: tau must be in (0, 1], got ${tau}`);
  if (tau >= 1 - 1e-12) return conditionalVar(0, 1);
  const sm = Math.sqrt(1 - tau);
  const L = 12 * sm;
  const w = Math.min(20 * Math.sqrt(tau), L);
  const f = (m: number) => (phi(m / sm) / sm) * conditionalVar(m, tau);
  let s = simpson(f, 0, w, intervals);
  if (w < L) s += simpson(f, w, L, intervals);
  return 2 * s;
}
