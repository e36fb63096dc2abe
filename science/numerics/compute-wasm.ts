/**
 * The `wasm` compute backend, used when the native addon is not built: fp32 products on tfjs's
 * wasm backend (operands transposed in JS first: the wasm matMul with a transposed operand is
 * 10–20× slower), float64 linear algebra in the project's JS (EISPACK port, Cholesky and
 * substitution loops, ml-matrix's Householder QR), activations with `Math`.
 */
import type { Compute, Linalg } from './compute.ts';
import { jsElementwise } from './elementwise.ts';
import { Matrix, qrPositiveMl } from './linalg.ts';
import { symEigFlat } from './sym-eig-flat.ts';
import { initTf } from './tf.ts';

type F = Float32Array | Float64Array;

/** op(X) materialised row-major (rows × cols of op(X)); X itself when not transposed. */
function op<T extends F>(X: T, trans: boolean, rows: number, cols: number): T {
  if (!trans) return X;
  const T = new (X.constructor as new (n: number) => T)(rows * cols);
  // X is cols × rows.
  for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) T[j * cols + i] = X[i * rows + j]!;
  return T;
}

function checkSizes(name: string, m: number, n: number, k: number, A: F, B: F, C: F): void {
  if (A.length < m * k || B.length < k * n || C.length < m * n) {
    throw new RangeError(`${name}: arrays too short for m=${m} n=${n} k=${k} (A ${A.length}, B ${B.length}, C ${C.length})`);
  }
}

/** C ← α op(A) op(B) + β C in float64, i-p-j order (contiguous in B and C). */
function dgemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void {
  checkSizes('dgemm', m, n, k, A, B, C);
  const a = op(A, ta, m, k);
  const b = op(B, tb, k, n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    if (beta !== 1) for (let j = 0; j < n; j++) C[ci + j] = beta === 0 ? 0 : beta * C[ci + j]!;
    for (let p = 0; p < k; p++) {
      const v = alpha * a[i * k + p]!;
      if (v === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j]! += v * b[bp + j]!;
    }
  }
}

function cholesky(S: Float64Array, n: number): Float64Array {
  if (S.length !== n * n) throw new RangeError(`cholesky: expected ${n}×${n} = ${n * n} values, got ${S.length}`);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const oj = j * n;
    let s = S[oj + j]!;
    for (let k = 0; k < j; k++) s -= L[oj + k]! ** 2;
    if (!(s > 0)) throw new RangeError(`cholesky: matrix is not positive definite (leading minor ${j + 1})`);
    const ljj = Math.sqrt(s);
    L[oj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const oi = i * n;
      let t = S[oi + j]!;
      for (let k = 0; k < j; k++) t -= L[oi + k]! * L[oj + k]!;
      L[oi + j] = t / ljj;
    }
  }
  return L;
}

/** B ← op(T)⁻¹ B by substitution, row by row of B (contiguous). */
function solveTriangular(T: Float64Array, n: number, B: Float64Array, nrhs: number, { lower = true, transpose = false } = {}): void {
  if (T.length < n * n || B.length < n * nrhs) throw new RangeError(`solveTriangular: arrays too short for n=${n} nrhs=${nrhs}`);
  // op(T) is lower triangular iff lower XOR transpose; its (i, j) entry:
  const at = transpose ? (i: number, j: number) => T[j * n + i]! : (i: number, j: number) => T[i * n + j]!;
  const forward = lower !== transpose;
  for (let s = 0; s < n; s++) {
    const i = forward ? s : n - 1 - s;
    const bi = i * nrhs;
    for (let t = 0; t < s; t++) {
      const j = forward ? t : n - 1 - t;
      const v = at(i, j);
      if (v === 0) continue;
      const bj = j * nrhs;
      for (let c = 0; c < nrhs; c++) B[bi + c]! -= v * B[bj + c]!;
    }
    const inv = 1 / at(i, i);
    for (let c = 0; c < nrhs; c++) B[bi + c]! *= inv;
  }
}

export const jsLinalg: Linalg = {
  backend: 'wasm',
  dgemm,
  eigh: (S, n) => symEigFlat(S, n, { method: 'flat' }),
  cholesky,
  solveTriangular,
  qr(A, m, n) {
    if (A.length !== m * n) throw new RangeError(`qr: expected ${m}×${n} = ${m * n} values, got ${A.length}`);
    if (m < n) throw new RangeError(`qr: needs m ≥ n, got ${m} < ${n}`);
    const M = new Matrix(m, n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]!);
    const { Q, R } = qrPositiveMl(M);
    const q = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] = Q.get(i, j);
    const r = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r[i * n + j] = R.get(i, j);
    return { Q: q, R: r };
  },
};

/** The wasm backend: tfjs initialised with `threads` wasm threads (fixed once tfjs has started). */
export async function loadWasmCompute(threads: number): Promise<Compute> {
  const { tf, backend } = await initTf({ threads });
  const started = threads;
  return {
    ...jsLinalg,
    ...jsElementwise,
    detail: `wasm (tfjs-${backend}, ${started} threads)`,
    sgemm(ta, tb, m, n, k, alpha, A, B, beta, C) {
      checkSizes('sgemm', m, n, k, A, B, C);
      if (m === 0 || n === 0) return;
      const a = op(A.length === m * k ? A : A.subarray(0, m * k), ta, m, k);
      const b = op(B.length === k * n ? B : B.subarray(0, k * n), tb, k, n);
      const P = tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
      const p = P.dataSync() as Float32Array;
      P.dispose();
      if (alpha === 1 && beta === 0) C.set(p.subarray(0, m * n));
      else for (let i = 0; i < m * n; i++) C[i] = alpha * p[i]! + (beta === 0 ? 0 : beta * C[i]!);
    },
    tanh(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]!);
    },
    asin(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.asin(x[i]!);
    },
    tanhGrad(s, a) {
      if (a.length < s.length) throw new RangeError(`tanhGrad: a has ${a.length} values, needs at least ${s.length}`);
      for (let i = 0; i < s.length; i++) a[i]! *= 1 - s[i]! * s[i]!;
    },
    setThreads() {
      // tfjs-wasm sizes its thread pool once, at start-up.
    },
    get threads() {
      return started;
    },
  };
}
