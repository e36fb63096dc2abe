/**
 * Posterior of a Bernoulli–Gaussian x (density p, non-zeros N(0, s²), s² = 1/p)
 * observed through ỹ = x + √τ w (P2 spec §2.5). With v₁ = s² + τ:
 *
 *   π₁(ỹ) = [1 + (1−p)/p · √(v₁/τ) · exp(−ỹ²/(2τ) + ỹ²/(2v₁))]⁻¹
 *   mean   = π₁ · (s²/v₁) ỹ
 *   var    = π₁ (s²τ/v₁ + (s²ỹ/v₁)²) − mean²
 *
 * π₁ is computed as a logistic of the log-ratio, so it never overflows.
 */

export interface PosteriorMoments {
  mean: number;
  var: number;
}

/** Posterior mean and variance of BG x given ỹ = x + √τ w (spec §2.5, N3). */
export function bgPosterior(y: number, tau: number, p: number): PosteriorMoments {
  const s2 = 1 / p;
  const v1 = s2 + tau;
  // log of (1−p)/p · √(v₁/τ) · exp(…): π₁ = 1/(1 + e^L).
  const L = Math.log((1 - p) / p) + 0.5 * Math.log(v1 / tau) - (y * y) / (2 * tau) + (y * y) / (2 * v1);
  const pi1 = p >= 1 ? 1 : L > 0 ? Math.exp(-L) / (1 + Math.exp(-L)) : 1 / (1 + Math.exp(L));
  const m1 = (s2 / v1) * y;
  const mean = pi1 * m1;
  const v = pi1 * ((s2 * tau) / v1 + m1 * m1) - mean * mean;
  return { mean, var: Math.max(v, 0) };
}
