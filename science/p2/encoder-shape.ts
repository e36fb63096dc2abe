/**
 * Shape statistics of a learned encoder B (n×d, row-major), rows normalized first
 * (P2 spec §3 "Tracked quantities"):
 *
 *   ℓ(B) = (1/n) Σᵢ maxⱼ Bᵢⱼ²     (identity → 1; Haar ≈ 0.105 at d = 64; flat → 1/d)
 *   orthogonality defect ‖BBᵀ − I‖_F/√n
 *
 * and |B| with rows sorted by their argmax column (the F3 heat map).
 */

/** B with unit-norm rows (a new array). */
export function rowNormalize(B: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(B.length);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += B[i * d + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) out[i * d + j] = B[i * d + j]! * inv;
  }
  return out;
}

/** ℓ(B), the mean over rows of the largest squared entry of the row-normalized B. */
export function localization(B: Float64Array, n: number, d: number): number {
  const U = rowNormalize(B, n, d);
  let s = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < d; j++) m = Math.max(m, U[i * d + j]! ** 2);
    s += m;
  }
  return s / n;
}

/** ‖BBᵀ − I‖_F/√n for the row-normalized B. */
export function orthogonalityDefect(B: Float64Array, n: number, d: number): number {
  const U = rowNormalize(B, n, d);
  let f = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += U[i * d + j]! * U[k * d + j]!;
      f += (v - (i === k ? 1 : 0)) ** 2;
    }
  }
  return Math.sqrt(f / n);
}

/** |B| (row-normalized) with rows ordered by argmax column, row-major n×d. */
export function sortedAbsRows(B: Float64Array, n: number, d: number): Float64Array {
  const U = rowNormalize(B, n, d);
  const argmax = (i: number) => {
    let best = 0;
    for (let j = 1; j < d; j++) if (Math.abs(U[i * d + j]!) > Math.abs(U[i * d + best]!)) best = j;
    return best;
  };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => argmax(a) - argmax(b) || a - b);
  const out = new Float64Array(n * d);
  order.forEach((i, row) => {
    for (let j = 0; j < d; j++) out[row * d + j] = Math.abs(U[i * d + j]!);
  });
  return out;
}
