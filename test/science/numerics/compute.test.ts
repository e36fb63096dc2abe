/**
 * The compute interface: the same numeric checks on both backends (native when the addon is
 * built — required under CI — and the wasm fallback, always), and native vs wasm agreement.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, loadCompute, type Backend, type Compute } from '../../../science/numerics/index.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';

const test = suite('science/numerics/compute');
const native = nativeAddon();
const backends: Backend[] = native.ok ? ['native', 'wasm'] : ['wasm'];

test('the native addon is built under CI (the path CI is meant to test)', () => {
  if (process.env.CI) assert.ok(native.ok, native.ok ? '' : native.reason);
});

const rng = createRng(11);
const rand = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

/** Reference op(A)op(B) in float64, A given as stored (transposed when ta). */
function refGemm(ta: boolean, tb: boolean, m: number, n: number, k: number, A: ArrayLike<number>, B: ArrayLike<number>): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? A[p * m + i]! : A[i * k + p]!) * (tb ? B[j * k + p]! : B[p * n + j]!);
      C[i * n + j] = s;
    }
  return C;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
};

function eye(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

async function both(): Promise<Compute[]> {
  return Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })));
}

test('sgemm/dgemm: every transpose combination, α and β, against a float64 reference', async () => {
  const [m, n, k] = [7, 5, 9];
  for (const c of await both()) {
    for (const ta of [false, true])
      for (const tb of [false, true]) {
        const A = rand(m * k);
        const B = rand(k * n);
        const C0 = rand(m * n);
        const ref = refGemm(ta, tb, m, n, k, A, B).map((v, i) => 0.5 * v - 2 * C0[i]!);
        const C = Float64Array.from(C0);
        c.dgemm(ta, tb, m, n, k, 0.5, A, B, -2, C);
        assert.ok(maxAbs(C, ref) < 1e-12, `${c.backend} dgemm ${ta} ${tb}`);
        const Cs = Float32Array.from(C0);
        c.sgemm(ta, tb, m, n, k, 0.5, Float32Array.from(A), Float32Array.from(B), -2, Cs);
        assert.ok(maxAbs(Cs, ref) < 2e-5, `${c.backend} sgemm ${ta} ${tb}: ${maxAbs(Cs, ref)}`);
      }
    assert.throws(() => c.sgemm(false, false, 3, 3, 3, 1, new Float32Array(8), new Float32Array(9), 0, new Float32Array(9)), /A has 8 values, needs at least 9|arrays too short/);
  }
});

test('eigh: S = V diag(λ) Vᵀ with orthonormal V, λ descending; backends agree to 1e-10', async () => {
  const n = 30;
  const G = rand(n * n);
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let p = 0; p < n; p++) S[i * n + j]! += G[i * n + p]! * G[j * n + p]!;
  const values: Float64Array[] = [];
  for (const c of await both()) {
    const { values: l, vectors: V } = c.eigh(S, n);
    for (let j = 1; j < n; j++) assert.ok(l[j - 1]! >= l[j]!);
    const VL = Float64Array.from(V, (v, idx) => v * l[idx % n]!);
    const R = new Float64Array(n * n);
    c.dgemm(false, true, n, n, n, 1, VL, V, 0, R);
    assert.ok(maxAbs(R, S) < 1e-10 * l[0]!, `${c.backend} reconstruction`);
    const VtV = new Float64Array(n * n);
    c.dgemm(true, false, n, n, n, 1, V, V, 0, VtV);
    assert.ok(maxAbs(VtV, eye(n)) < 1e-12, `${c.backend} orthonormal`);
    values.push(l);
  }
  if (values.length === 2) assert.ok(maxAbs(values[0]!, values[1]!) < 1e-10 * values[0]![0]!);
});

test('eigh: exactly-zero rows give e_i with λ = 0 on both backends', async () => {
  const S = new Float64Array([2, 0, 1, 0, 0, 0, 1, 0, 2]);
  for (const c of await both()) {
    const { values, vectors } = c.eigh(S, 3);
    assert.ok(maxAbs(values, [3, 1, 0]) < 1e-14, c.backend);
    assert.ok(maxAbs([vectors[2]!, vectors[5]!, vectors[8]!], [0, 1, 0]) === 0, c.backend);
  }
});

test('cholesky and solveTriangular: LLᵀ = S, and S⁻¹B through L and Lᵀ', async () => {
  const n = 12;
  const G = rand(n * n);
  const S = eye(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let p = 0; p < n; p++) S[i * n + j]! += G[i * n + p]! * G[j * n + p]!;
  const B = rand(n * 3);
  for (const c of await both()) {
    const L = c.cholesky(S, n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) assert.is(L[i * n + j], 0);
    const LLt = new Float64Array(n * n);
    c.dgemm(false, true, n, n, n, 1, L, L, 0, LLt);
    assert.ok(maxAbs(LLt, S) < 1e-11, `${c.backend} LLᵀ`);
    const X = Float64Array.from(B);
    c.solveTriangular(L, n, X, 3, { lower: true });
    c.solveTriangular(L, n, X, 3, { lower: true, transpose: true });
    const SX = new Float64Array(n * 3);
    c.dgemm(false, false, n, 3, n, 1, S, X, 0, SX);
    assert.ok(maxAbs(SX, B) < 1e-10, `${c.backend} S⁻¹B`);
    // Upper-triangular solves: U = Lᵀ.
    const U = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) U[i * n + j] = L[j * n + i]!;
    const Y = Float64Array.from(B);
    c.solveTriangular(U, n, Y, 3, { lower: false, transpose: true });
    c.solveTriangular(U, n, Y, 3, { lower: false });
    assert.ok(maxAbs(Y, X) < 1e-10, `${c.backend} upper`);
    assert.throws(() => c.cholesky(new Float64Array([1, 2, 2, 1]), 2), /not positive definite \(leading minor 2\)/);
  }
});

test('qr: A = QR, QᵀQ = I, diag(R) ≥ 0; Q is unique, so the backends agree', async () => {
  const [m, n] = [20, 8];
  const A = rand(m * n);
  const Qs: Float64Array[] = [];
  for (const c of await both()) {
    const { Q, R } = c.qr(A, m, n);
    const QR = new Float64Array(m * n);
    c.dgemm(false, false, m, n, n, 1, Q, R, 0, QR);
    assert.ok(maxAbs(QR, A) < 1e-12, `${c.backend} QR`);
    const QtQ = new Float64Array(n * n);
    c.dgemm(true, false, n, n, m, 1, Q, Q, 0, QtQ);
    assert.ok(maxAbs(QtQ, eye(n)) < 1e-13, `${c.backend} QᵀQ`);
    for (let i = 0; i < n; i++) {
      assert.ok(R[i * n + i]! >= 0);
      for (let j = 0; j < i; j++) assert.is(R[i * n + j], 0);
    }
    Qs.push(Q);
  }
  if (Qs.length === 2) assert.ok(maxAbs(Qs[0]!, Qs[1]!) < 1e-12);
});

test('tanh, asin and tanhGrad: within 4e-7 of Math on a fine grid, in place', async () => {
  const x = Float32Array.from({ length: 20001 }, (_, i) => -10 + i / 1000);
  const u = Float32Array.from({ length: 20001 }, (_, i) => -1 + i / 10000);
  for (const c of await both()) {
    const y = Float32Array.from(x);
    c.tanh(y, y);
    assert.ok(maxAbs(y, Array.from(x, Math.tanh)) < 4e-7, `${c.backend} tanh`);
    const z = new Float32Array(u.length);
    c.asin(u, z);
    assert.ok(maxAbs(z, Array.from(u, Math.asin)) < 4e-7, `${c.backend} asin`);
    const a = Float32Array.from(x, (v) => v / 10);
    c.tanhGrad(y, a);
    assert.ok(maxAbs(a, Array.from(x, (v) => (v / 10) * (1 - Math.tanh(v) ** 2))) < 1e-6, `${c.backend} tanhGrad`);
  }
});

test('REPRO_COMPUTE must name a backend', async () => {
  const saved = process.env.REPRO_COMPUTE;
  process.env.REPRO_COMPUTE = 'gpu';
  try {
    assert.throws(() => loadCompute(), /REPRO_COMPUTE must be 'native', 'wasm' or 'auto', got 'gpu'/);
  } finally {
    if (saved === undefined) delete process.env.REPRO_COMPUTE;
    else process.env.REPRO_COMPUTE = saved;
  }
});

test.run();
