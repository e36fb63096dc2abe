/**
 * The encoder that achieves the water-filling bound on x ~ N(0, Σ), Σ = diag(λ) (P1 spec §2.3
 * "achieving design"). With m from `waterFilling(λ, n)` and its active directions a = 1…k_a
 * (m_a > 0, the largest λ):
 *
 *   Ŵ = Q·diag(√m_a)·[e_a]ᵀ,   Q an n×k_a Haar matrix with orthonormal columns,
 *   rows of Ŵ normalised (they are unit norm on average: Σ_a m_a = n),   B = Ŵ Σ^{−1/2}
 *
 * so codes are sign(Ŵ Σ^{−1/2} x) and ŴᵀŴ ≈ diag(m) is aligned with Σ's eigenvectors (optimal by
 * von Neumann's trace inequality). Its exact risk (`optimalRisk` with Σ^{1/2}) tends to R_wf as
 * d → ∞; for isotropic Σ and r ≤ 1 the rows are orthonormal and it equals LB(r) exactly.
 * For a non-diagonal Σ = V diag(λ) Vᵀ, use B·Vᵀ.
 */
import { Matrix } from 'ml-matrix';
import { haarOrthogonal } from '../numerics/haar.ts';
import type { Rng } from '../numerics/rng.ts';
import { normalizeRows } from './sign-risk.ts';
import { waterFilling } from './water-filling.ts';

export interface WaterFillingDesign {
  /** Encoder B = Ŵ Σ^{−1/2} (n×d), in the coordinates where Σ = diag(λ). */
  B: Matrix;
  /** The unit rows Ŵ (n×d) of B Σ^{1/2}. */
  W: Matrix;
  /** The water-filling bound R_wf it approaches. */
  bound: number;
}

/** The §2.3 achieving design for the eigenvalues `lambda` (all > 0) and n rows. */
export function waterFillingDesign(lambda: Float64Array, n: number, rng: Rng): WaterFillingDesign {
  const d = lambda.length;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`waterFillingDesign: n must be a positive integer, got ${n}`);
  const wf = waterFilling(lambda, n);
  const active = Array.from(lambda.keys()).filter((i) => wf.m[i]! > 0);
  const Q = haarOrthogonal(n, rng);
  const raw = new Matrix(n, d);
  active.forEach((i, a) => {
    const s = Math.sqrt(wf.m[i]!);
    for (let row = 0; row < n; row++) raw.set(row, i, Q.get(row, a) * s);
  });
  const W = normalizeRows(raw);
  const B = W.clone();
  for (let j = 0; j < d; j++) for (let row = 0; row < n; row++) B.set(row, j, W.get(row, j) / Math.sqrt(lambda[j]!));
  return { B, W, bound: wf.risk };
}

export interface SpectrumDesign {
  /** Encoder in the data's coordinates (n×d, row-major): codes sign(Bx). */
  B: Float64Array;
  /** R_wf on the spectrum, per coordinate of the full d (null directions count as unreconstructed). */
  bound: number;
  /** Eigendirections used (λ > relTol·λ₁). */
  kept: number;
}

/**
 * The achieving design and its water-filling bound for a sample covariance Σ̂ = V diag(λ) Vᵀ that
 * may be singular (raw images have constant pixels; spec §4B E5 raw arm, §6 item 7(ii)).
 * Directions with λ ≤ relTol·λ₁ are dropped (they carry that energy unreconstructed); the design
 * runs on the rest in eigen-coordinates and is rotated back, B = B_y·V_keptᵀ.
 * `lambda` holds the d eigenvalues, `V` the d×d eigenvectors (row-major, column j ↔ lambda[j]).
 */
export function spectrumWaterFillingDesign(lambda: Float64Array, V: Float64Array, n: number, rng: Rng, relTol = 1e-10): SpectrumDesign {
  const d = lambda.length;
  if (V.length !== d * d) throw new RangeError(`spectrumWaterFillingDesign: V must be ${d}×${d}, got ${V.length} entries`);
  const top = Math.max(...lambda);
  if (!(top > 0)) throw new RangeError('spectrumWaterFillingDesign: Σ̂ has no positive eigenvalue');
  const keep = Array.from(lambda.keys()).filter((j) => lambda[j]! > relTol * top).sort((a, b) => lambda[b]! - lambda[a]!);
  let dropped = 0;
  for (let j = 0; j < d; j++) if (!keep.includes(j)) dropped += Math.max(0, lambda[j]!);
  const lk = Float64Array.from(keep, (j) => lambda[j]!);
  const design = waterFillingDesign(lk, n, rng);
  const Vk = new Matrix(d, keep.length);
  keep.forEach((j, c) => {
    for (let i = 0; i < d; i++) Vk.set(i, c, V[i * d + j]!);
  });
  const B = design.B.mmul(Vk.transpose());
  return { B: Float64Array.from(B.to1DArray()), bound: (design.bound * keep.length + dropped) / d, kept: keep.length };
}
