/**
 * Float64 dense linear algebra on ml-matrix `Matrix` objects (QR, Cholesky solve, symmetric
 * eigendecomposition), computed by the compute layer (`linalg()`: LAPACK when the native addon
 * is built, the JS ports otherwise). `symEigMl` and `qrPositiveMl` are ml-matrix's own
 * algorithms, kept as references for tests and as the JS fallback's QR.
 */
import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { linalg } from './compute.ts';

export { Matrix };

/** Thin QR with the sign convention diag(R) ≥ 0, which makes Q unique (and Haar when A is Gaussian). */
export function qrPositive(A: Matrix): { Q: Matrix; R: Matrix } {
  if (A.rows < A.columns) return qrPositiveMl(A);
  const { Q, R } = linalg().qr(fromMatrix(A), A.rows, A.columns);
  return { Q: toMatrix(Q, A.rows, A.columns), R: toMatrix(R, A.columns, A.columns) };
}

/** `qrPositive` by ml-matrix's Householder QR. */
export function qrPositiveMl(A: Matrix): { Q: Matrix; R: Matrix } {
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
  const { values, vectors } = linalg().eigh(fromMatrix(S), S.rows);
  return { values, vectors: toMatrix(vectors, S.rows, S.rows) };
}

/** `symEig` by ml-matrix's EigenvalueDecomposition (tred2 + tql2). */
export function symEigMl(S: Matrix): { values: Float64Array; vectors: Matrix } {
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
  const la = linalg();
  const n = S.rows;
  let L: Float64Array;
  try {
    L = la.cholesky(fromMatrix(S), n);
  } catch {
    throw new RangeError('solveSpd: matrix is not positive definite');
  }
  const X = fromMatrix(B);
  la.solveTriangular(L, n, X, B.columns, { lower: true });
  la.solveTriangular(L, n, X, B.columns, { lower: true, transpose: true });
  return toMatrix(X, n, B.columns);
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
