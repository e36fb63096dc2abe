/**
 * Structure of learned sign encoders (P1 spec §2.2 "structure of GD solutions", §4B E3).
 *
 * For unit rows Ŵ (n×d), G = ŴŴᵀ:
 * - r ≤ 1 optimum: G = I_n (orthonormal rows), so off-diagonal entries → 0 and eig(G) = 1;
 * - r > 1 optimum: a tight frame, eig(ŴᵀŴ) = r (all d of them), and the off-diagonal RMS is
 *   frozen at √((r − 1)/(n − 1)) (Σ_{i≠j} G_ij² = Tr(G²) − n = n²/d − n);
 * - the optimal decoder is weight-tied, A* ≈ c·Ŵᵀ with c = `tiedDecoderScale(r)`.
 * At a Gaussian initialisation the off-diagonal entries are ≈ N(0, 1/d).
 */
import { Matrix } from 'ml-matrix';
import { symEig } from '../numerics/linalg.ts';
import { tiedDecoderScale } from './lower-bound.ts';
import { normalizeRows, optimalDecoder } from './sign-risk.ts';

export interface GramStructure {
  /** RMS of G_ij over i ≠ j. */
  offdiagRms: number;
  /** max |G_ij| over i ≠ j. */
  offdiagMax: number;
  /** Eigenvalues of ŴᵀŴ (d×d), descending: all 1 (first n) for r ≤ 1, all r for a tight frame. */
  frameEigenvalues: Float64Array;
  /** ‖A* − c·Ŵᵀ‖_F / ‖A*‖_F with c the tied scale for r = n/d. */
  tiedDeviation: number;
  /** The tied scale c used. */
  tiedScale: number;
  /** Least-squares fit of A* by a multiple of Ŵᵀ: ⟨A*, Ŵᵀ⟩/‖Ŵ‖². */
  fittedScale: number;
}

/**
 * RMS of the off-diagonal Gram entries of a unit-norm tight frame of n rows in ℝ^d (n > d):
 * Σ_{i≠j} G_ij² = Tr(G²) − n = n²/d − n, so RMS = √((n/d − 1)/(n − 1)) = √((r − 1)/(n − 1)).
 */
export function tightFrameOffdiagRms(n: number, d: number): number {
  if (!(n > d && d >= 1)) throw new RangeError(`tightFrameOffdiagRms: need n > d ≥ 1, got n = ${n}, d = ${d}`);
  return Math.sqrt((n / d - 1) / (n - 1));
}

/** Structure summary of the encoder B (n×d; rows normalised here). */
export function gramStructure(B: Matrix): GramStructure {
  const W = normalizeRows(B);
  const n = W.rows;
  const d = W.columns;
  const G = W.mmul(W.transpose());
  let s2 = 0;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const g = G.get(i, j);
      s2 += g * g;
      mx = Math.max(mx, Math.abs(g));
    }
  }
  const A = optimalDecoder(W);
  const Wt = W.transpose();
  const c = tiedDecoderScale(n / d);
  const fitted = A.dot(Wt) / Wt.dot(Wt);
  return {
    offdiagRms: n > 1 ? Math.sqrt(s2 / (n * (n - 1))) : 0,
    offdiagMax: mx,
    frameEigenvalues: symEig(Wt.mmul(W)).values,
    tiedDeviation: A.clone().sub(Wt.clone().mul(c)).norm('frobenius') / A.norm('frobenius'),
    tiedScale: c,
    fittedScale: fitted,
  };
}

/** Histogram (density, integrating to 1) of the off-diagonal entries of ŴŴᵀ over `bins` equal bins on [lo, hi]. */
export function offDiagonalHistogram(B: Matrix, bins: number, lo: number, hi: number): { centers: Float64Array; density: Float64Array } {
  if (!(Number.isInteger(bins) && bins > 0)) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (!(hi > lo)) throw new RangeError(`need lo < hi, got [${lo}, ${hi}]`);
  const W = normalizeRows(B);
  const G = W.mmul(W.transpose());
  const counts = new Float64Array(bins);
  const width = (hi - lo) / bins;
  let total = 0;
  for (let i = 0; i < G.rows; i++) {
    for (let j = i + 1; j < G.rows; j++) {
      const k = Math.floor((G.get(i, j) - lo) / width);
      total++;
      if (k >= 0 && k < bins) counts[k]!++;
    }
  }
  return {
    centers: Float64Array.from({ length: bins }, (_, k) => lo + (k + 0.5) * width),
    density: counts.map((c) => c / (Math.max(1, total) * width)),
  };
}
