/**
 * Empirical risk of sign codes with a least-squares decoder (P1 spec §3.3, §4B E5).
 *
 * Codes C = sign(X Bᵀ) (N×n, sign(0) = +1, spec §6.9); the decoder fitted on the training rows
 * is Aᵀ = (CᵀC)⁻¹ CᵀX, and the per-coordinate MSE is (1/(N d))·‖X − C Aᵀ‖². On the training
 * rows this is (1/(Nd))·[‖X‖² − Tr((CᵀX)ᵀ(CᵀC)⁻¹(CᵀX))]. The Gram products run in tfjs
 * (exact for ±1 codes); the n×n solve in float64, with a tiny ridge for duplicated codes.
 */
import { Matrix, solveSpd } from '../numerics/linalg.ts';
import type { TfHandle } from '../numerics/tf.ts';

export interface LsDecoderRiskResult {
  /** MSE per coordinate on the training rows. */
  train: number;
  /** MSE per coordinate on the test rows with the training decoder (NaN without test rows). */
  test: number;
}

/** Train/test risk of encoder B (n×d) with its least-squares decoder fitted on Xtrain. */
export async function lsDecoderRisk(
  handle: TfHandle,
  B: Float64Array,
  n: number,
  d: number,
  Xtrain: Float64Array,
  Xtest: Float64Array = new Float64Array(0),
): Promise<LsDecoderRiskResult> {
  const { tf } = handle;
  const Bt = tf.tensor2d(Float32Array.from(B), [n, d]);
  const codes = (X: Float64Array) =>
    tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(X), [X.length / d, d]);
      const z = tf.matMul(x, tf.transpose(Bt));
      return { x, c: tf.sub(tf.mul(tf.cast(tf.greaterEqual(z, 0), 'float32'), 2), 1) };
    });
  const tr = codes(Xtrain);
  const CtCt = tf.tidy(() => tf.matMul(tf.transpose(tr.c), tr.c));
  const CtXt = tf.tidy(() => tf.matMul(tf.transpose(tr.c), tr.x));
  const CtC = toM(await CtCt.data(), n, n);
  const CtX = toM(await CtXt.data(), n, d);
  tf.dispose([CtCt, CtXt]);
  const Ntr = Xtrain.length / d;
  for (let i = 0; i < n; i++) CtC.set(i, i, CtC.get(i, i) * (1 + 1e-10) + 1e-10);
  const At = solveSpd(CtC, CtX); // n×d: x̂ = Aᵀ-weighted sum of codes
  let sq = 0;
  for (const v of Xtrain) sq += v * v;
  const explained = At.clone().mul(CtX).sum();
  const train = (sq - explained) / (Ntr * d);
  let test = Number.NaN;
  if (Xtest.length > 0) {
    const te = codes(Xtest);
    const err = tf.tidy(() => tf.sum(tf.square(tf.sub(te.x, tf.matMul(te.c, tf.tensor2d(Float32Array.from(At.to1DArray()), [n, d]))))));
    test = (await err.data())[0]! / Xtest.length;
    tf.dispose([te.x, te.c, err]);
  }
  tf.dispose([Bt, tr.x, tr.c]);
  return { train, test };
}

function toM(a: ArrayLike<number>, rows: number, cols: number): Matrix {
  const M = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.set(i, j, a[i * cols + j]!);
  return M;
}
