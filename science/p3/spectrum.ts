/**
 * A block spectrum Σ = Σ_k λ_k P_k with dim P_k = α_k d (P3 §1.1).
 *
 * `levels` are the λ_k, `fractions` the α_k (Σ α_k = 1). The canonical synthetic spectrum is
 * λ = (4, 1, 0.25), α = (⅓, ⅓, ⅓), total variance v̄ = Σ α_k λ_k = 1.75. For real data
 * (§2.3) one block per eigen-direction: α_j = 1/d, λ_j = eigenvalues of the normalised covariance.
 */
export interface Spectrum {
  readonly levels: Float64Array;
  readonly fractions: Float64Array;
}

/** λ = (4, 1, 0.25), α = ⅓ each (P3 §1.1). */
export function canonicalSpectrum(): Spectrum {
  return { levels: Float64Array.of(4, 1, 0.25), fractions: Float64Array.of(1 / 3, 1 / 3, 1 / 3) };
}

/** One block per eigenvalue, α_j = 1/d (P3 §2.3, real data). */
export function perDirectionSpectrum(eigenvalues: ArrayLike<number>): Spectrum {
  const d = eigenvalues.length;
  return { levels: Float64Array.from(eigenvalues), fractions: new Float64Array(d).fill(1 / d) };
}

/** v̄ = E‖x‖² = Σ_k α_k λ_k. */
export function totalVariance(s: Spectrum): number {
  let v = 0;
  for (let k = 0; k < s.levels.length; k++) v += s.fractions[k]! * s.levels[k]!;
  return v;
}

/** Block index of each of the d coordinates (consecutive blocks of sizes α_k d, rounded). */
export function blockOfCoordinate(s: Spectrum, d: number): Int32Array {
  const out = new Int32Array(d);
  let start = 0;
  let cum = 0;
  for (let k = 0; k < s.levels.length; k++) {
    cum += s.fractions[k]!;
    const end = k === s.levels.length - 1 ? d : Math.round(cum * d);
    for (let i = start; i < end; i++) out[i] = k;
    start = end;
  }
  return out;
}
