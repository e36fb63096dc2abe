/**
 * Empirical risk of sign codes with a least-squares decoder (P1 spec §3.3, §4B E5).
 *
 * Codes C = sign(X Bᵀ) (N×n, sign(0) = +1, spec §6.9); the decoder fitted on the training rows
 * is Aᵀ = (CᵀC)⁻¹ CᵀX, and the per-coordinate MSE is (1/(N d))·‖X − C Aᵀ‖². On the training
 * rows this is (1/(Nd))·[‖X‖² − Tr((CᵀX)ᵀ(CᵀC)⁻¹(CᵀX))]. The products run in fp32 on the
 * compute backend (CᵀC is exact for ±1 codes); the n×n Cholesky solve in float64, with a tiny
 * ridge for duplicated codes.
 */
import type { Compute } from '../numerics/compute.ts';

export interface LsDecoderRiskResult {
  /** MSE per coordinate on the training rows. */
  train: number;
  /** MSE per coordinate on the test rows with the training decoder (NaN without test rows). */
  test: number;
}

/** Train/test risk of encoder B (n×d) with its least-squares decoder fitted on Xtrain; products in fp32 on `compute`. */
export function lsDecoderRisk(
  compute: Compute,
  B: Float64Array,
  n: number,
  d: number,
  Xtrain: Float64Array,
  Xtest: Float64Array = new Float64Array(0),
): LsDecoderRiskResult {
  const Bf = Float32Array.from(B);
  const codes = (X: Float64Array) => {
    const N = X.length / d;
    const x = Float32Array.from(X);
    const c = new Float32Array(N * n);
    compute.sgemm(false, true, N, n, d, 1, x, Bf, 0, c); // z = X Bᵀ
    compute.sign(c, c);
    return { x, c, N };
  };
  const tr = codes(Xtrain);
  const CtC = new Float32Array(n * n); // integers below 2²⁴: exact in fp32
  compute.sgemm(true, false, n, n, tr.N, 1, tr.c, tr.c, 0, CtC);
  const CtX32 = new Float32Array(n * d);
  compute.sgemm(true, false, n, d, tr.N, 1, tr.c, tr.x, 0, CtX32);
  const S = Float64Array.from(CtC);
  for (let i = 0; i < n; i++) S[i * n + i] = S[i * n + i]! * (1 + 1e-10) + 1e-10;
  const CtX = Float64Array.from(CtX32);
  const L = compute.cholesky(S, n);
  const At = CtX.slice(); // n×d: x̂ = Aᵀ-weighted sum of codes
  compute.solveTriangular(L, n, At, d, { lower: true });
  compute.solveTriangular(L, n, At, d, { lower: true, transpose: true });
  let sq = 0;
  for (const v of Xtrain) sq += v * v;
  let explained = 0;
  for (let i = 0; i < At.length; i++) explained += At[i]! * CtX[i]!;
  const train = (sq - explained) / (tr.N * d);
  let test = Number.NaN;
  if (Xtest.length > 0) {
    const te = codes(Xtest);
    const R = te.x; // X − C Aᵀ
    compute.sgemm(false, false, te.N, d, n, -1, te.c, Float32Array.from(At), 1, R);
    let err = 0;
    for (const v of R) err += v * v;
    test = err / Xtest.length;
  }
  return { train, test };
}
