/**
 * The arcsine kernel of the sign function and its Hermite (series) form (P1 spec §2.1, §5 row 14).
 *
 *   E[sign(u) sign(v)] = (2/π)·arcsin(ρ)   for a standard bivariate normal (u, v) with correlation ρ
 *   (2/π)·arcsin(ρ) = Σ_{j≥0} μ²_{2j+1} ρ^{2j+1},   μ²_{2j+1} = (2/π)·(2j)! / (4^j (j!)² (2j+1))
 *
 * μ₁² = 2/π and the coefficients sum to 1; the tail Σ_{j≥1} c_j = π/2 − 1 = κ with
 * c_j = (2j)!/(4^j (j!)² (2j+1)) (so arcsin(G) = G + Σ_{j≥1} c_j G^{∘(2j+1)}).
 */

/** E[sign(u) sign(v)] at correlation ρ ∈ [−1, 1]. */
export function signKernel(rho: number): number {
  if (!(Math.abs(rho) <= 1)) throw new RangeError(`signKernel: rho must be in [−1, 1], got ${rho}`);
  return (2 / Math.PI) * Math.asin(rho);
}

/**
 * c_j = (2j)!/(4^j (j!)² (2j+1)), j = 0 … count−1: the Taylor coefficients of arcsin
 * (μ²_{2j+1} = (2/π)·c_j). Computed by the ratio c_{j}/c_{j−1} = (2j−1)²/(2j(2j+1)) to avoid overflow.
 */
export function arcsinSeriesCoefficients(count: number): Float64Array {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const c = new Float64Array(count);
  c[0] = 1;
  for (let j = 1; j < count; j++) c[j] = (c[j - 1]! * (2 * j - 1) ** 2) / (2 * j * (2 * j + 1));
  return c;
}

/** (2/π)·Σ_{j<terms} c_j ρ^{2j+1}: the truncated series of the arcsine kernel. */
export function signKernelSeries(rho: number, terms: number): number {
  const c = arcsinSeriesCoefficients(terms);
  let s = 0;
  let p = rho;
  for (let j = 0; j < terms; j++) {
    s += c[j]! * p;
    p *= rho * rho;
  }
  return (2 / Math.PI) * s;
}
