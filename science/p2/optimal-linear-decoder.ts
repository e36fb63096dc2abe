/**
 * The optimal linear decoder for a fixed encoder (P2 spec §2.1):
 *
 *   A*(B) = C_xz C_zz⁻¹,   R*(B) = 1 − tr(C_xz C_zz⁻¹ C_xzᵀ)/d   (for E‖x‖²/d = 1),
 *
 * and, for any A, R(A, B) = 1 − (2/d) tr(A C_zx) + (1/d) tr(A C_zz Aᵀ).
 * Moments are row-major Float64Arrays: C_xz (d×n), C_zz (n×n).
 */
import { Matrix, solveSpd, toMatrix } from '../numerics/index.ts';

export interface EncoderMoments {
  /** E[x zᵀ], d×n row-major. */
  Cxz: Float64Array;
  /** E[z zᵀ], n×n row-major. */
  Czz: Float64Array;
  d: number;
  n: number;
  /** E‖x‖²/d of the data the moments were taken on (1 for the unit-variance families). @default 1 */
  secondMoment?: number;
}

/** R*(B) = m₂ − tr(C_xz C_zz⁻¹ C_zx)/d, with m₂ = E‖x‖²/d. */
export function optimalLinearRisk(m: EncoderMoments): number {
  const { Cxz, Czz, d, n, secondMoment = 1 } = m;
  const X = solveSpd(toMatrix(Czz, n, n), toMatrix(Cxz, d, n).transpose()); // C_zz⁻¹ C_zx (n×d)
  let tr = 0;
  for (let i = 0; i < d; i++) for (let k = 0; k < n; k++) tr += Cxz[i * n + k]! * X.get(k, i);
  return secondMoment - tr / d;
}

/** A*(B) = C_xz C_zz⁻¹ as a d×n row-major array. */
export function optimalLinearDecoder(m: EncoderMoments): Float64Array {
  const { Cxz, Czz, d, n } = m;
  const X: Matrix = solveSpd(toMatrix(Czz, n, n), toMatrix(Cxz, d, n).transpose());
  const A = new Float64Array(d * n);
  for (let i = 0; i < d; i++) for (let k = 0; k < n; k++) A[i * n + k] = X.get(k, i);
  return A;
}
