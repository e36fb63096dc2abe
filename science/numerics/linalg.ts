/**
 * Float64 dense linear algebra, delegated to ml-matrix (QR, Cholesky, symmetric
 * eigendecomposition). Heavy fp32 work (large matmuls inside training loops)
 * belongs in tfjs instead; these are for d ≲ 1000 analytic computations.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';

export { Matrix };

/** Thin QR with the sign convention diag(R) ≥ 0, which makes Q unique (and Haar when A is Gaussian). */
export function qrPositive(A: Matrix): { Q: Matrix; R: Matrix } {
  const qr = new QrDecomposition(A);
  const Q = qr.orthogonalMatrix;
  const R = qr.upperTriangularMatrix;
  const k = Math.min(R.rows, R.columns);
  for (let j = 0; j < k; j++) {
    if (R.get(j, j) < 0) {
      for (let i = 0; i < Q.rows; i++) Q.set(i, j, -Q.get(i, j));
      for (let c = 0; c < R.columns; c++) R.set(j, c, -R.get(j, c));
    }
  }
  return { Q, R };
}

/** Symmetric eigendecomposition, eigenvalues in descending order with matching eigenvector columns. */
export function symEig(S: Matrix): { values: Float64Array; vectors: Matrix } {
  const eig = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const vals = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((i, j) => vals[j]! - vals[i]!);
  const values = Float64Array.from(order, (i) => vals[i]!);
  const vectors = new Matrix(V.rows, V.columns);
  order.forEach((i, c) => {
    for (let r = 0; r < V.rows; r++) vectors.set(r, c, V.get(r, i));
  });
  return { values, vectors };
}

/** Solve S X = B for symmetric positive definite S (Cholesky). Throws if S is not positive definite. */
export function solveSpd(S: Matrix, B: Matrix): Matrix {
  const ch = new CholeskyDecomposition(S);
  if (!ch.isPositiveDefinite()) throw new RangeError('solveSpd: matrix is not positive definite');
  return ch.solve(B);
}

/** Row-major Float64Array (rows × cols) → Matrix. */
export function toMatrix(data: Float64Array | Float32Array, rows: number, cols: number): Matrix {
  if (data.length !== rows * cols) {
    throw new RangeError(`toMatrix: expected ${rows}×${cols} = ${rows * cols} values, got ${data.length}`);
  }
  const M = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) M.set(i, j, data[i * cols + j]!);
  return M;
}

/** Matrix → row-major Float64Array. */
export function fromMatrix(M: Matrix): Float64Array {
  const out = new Float64Array(M.rows * M.columns);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.columns; j++) out[i * M.columns + j] = M.get(i, j);
  return out;
}
