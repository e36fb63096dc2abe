/**
 * mmse_BG(snr, p) = E Var(x | ỹ) for ỹ = x + √τ w, τ = 1/snr, x Bernoulli–Gaussian
 * of density p and unit variance (P2 spec §2.5, N3):
 *
 *   mmse_BG = p · E_{ỹ~N(0, 1/p + τ)} Var(x|ỹ) + (1 − p) · E_{ỹ~N(0, τ)} Var(x|ỹ).
 *
 * Each Gaussian expectation is a trapezoid rule on ±12σ of its own law (spec §2.7:
 * 8001 points agree with converged quadrature to 3e-15 on N4). Gauss–Hermite is NOT
 * used: at small p the posterior switches from zero to non-zero over a width
 * comparable to its node spacing. At p = 1 this is 1/(1 + snr).
 */
import { phi } from '../numerics/index.ts';
import { bgPosterior } from './bg-posterior.ts';

export interface MmseBgOptions {
  /** Trapezoid points per Gaussian expectation. @default 8001 */
  points?: number;
  /** Half-width of the grid in standard deviations. @default 12 */
  width?: number;
}

/** E_{ỹ ~ N(0, σ²)} Var(x | ỹ) by the trapezoid rule. */
function expectedVar(sigma: number, tau: number, p: number, points: number, width: number): number {
  const h = (2 * width) / (points - 1);
  let s = 0;
  for (let k = 0; k < points; k++) {
    const t = -width + k * h;
    const w = k === 0 || k === points - 1 ? 0.5 : 1;
    s += w * phi(t) * bgPosterior(sigma * t, tau, p).var;
  }
  return s * h;
}

/** The BG minimum MSE at signal-to-noise ratio snr > 0 and density p ∈ (0, 1]. */
export function mmseBg(snr: number, p: number, options: MmseBgOptions = {}): number {
  const { points = 8001, width = 12 } = options;
  if (!(snr > 0)) throw new RangeError(`mmseBg: snr must be > 0, got ${snr}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`mmseBg: p must be in (0, 1], got ${p}`);
  if (p === 1) return 1 / (1 + snr);
  const tau = 1 / snr;
  return (
    p * expectedVar(Math.sqrt(1 / p + tau), tau, p, points, width) +
    (1 - p) * expectedVar(Math.sqrt(tau), tau, p, points, width)
  );
}
