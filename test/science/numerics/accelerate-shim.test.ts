/**
 * The macOS branch of the addon (REPRO_ACCELERATE: Apple's Accelerate through its new-LAPACK
 * interface) has no Mac to run on here. So this builds that branch on Linux against
 * native/accelerate-shim/ (the same interface, declared as Apple's headers declare it, on
 * OpenBLAS; `scripts/build-native.mjs --accelerate-shim`), once, in a temp dir, and checks it:
 * what it reports, products and LAPACK against known values, fp64 references and the default
 * addon, the numeric suites of science/numerics with it as the native backend, and the
 * provenance line compute-native.ts writes for it. Skips (with the reason) without a C++
 * compiler or OpenBLAS, except under CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildNative } from '../../../scripts/build-native.mjs';
import { nativeAddon, type NativeAddon } from '../../../science/numerics/compute-native.ts';

const test = suite('science/numerics/accelerate-shim');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'repro-accelerate-shim-'));
const built = buildNative({ accelerateShim: true, outDir: dir, quiet: true });
test.after(() => rmSync(dir, { recursive: true, force: true }));

// As on a Mac, where compute-native.ts sets VECLIB_MAXIMUM_THREADS=1 before vecLib loads (the
// shim's OpenBLAS does not read it: the addon's BLASSetThreading calls pin it, as tested below).
const macThreads = { VECLIB_MAXIMUM_THREADS: '1' };
const defaultAddonPath = join(root, 'native', 'build', 'Release', 'repro_blas.node');

/** A deterministic uniform(−½, ½) stream (an LCG: the test needs no statistics from it). */
function uniform(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5;
}
/** n×n diag(d) (the identity for d = 1). */
const diag = (n: number, d: (i: number) => number = () => 1) => Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? d(i / (n + 1)) : 0));
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** fp64 op(A)·op(B), row-major, op(A) m×k, op(B) k×n. */
function refGemm(ta: boolean, tb: boolean, m: number, n: number, k: number, A: ArrayLike<number>, B: ArrayLike<number>): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ta ? p * m + i : i * k + p]! * B[tb ? j * k + p : p * n + j]!;
      C[i * n + j] = s;
    }
  return C;
}

/** A random symmetric positive-definite n×n matrix X Xᵀ/n + I. */
function spd(n: number, seed: number): Float64Array {
  const u = uniform(seed);
  const X = Float64Array.from({ length: n * n }, u);
  const S = refGemm(false, true, n, n, n, X, X);
  const I = diag(n);
  for (let i = 0; i < n * n; i++) S[i] = S[i]! / n + I[i]!;
  return S;
}

if (!built.ok) {
  test(`Accelerate-shim build unavailable (${built.reason}): skipped`, () => {
    console.log(`  accelerate-shim: skipped, the addon did not build (${built.reason})`);
    assert.not.ok(process.env.CI, `CI installs a compiler and OpenBLAS, yet: ${built.reason}`);
  });
} else {
  const saved = process.env.VECLIB_MAXIMUM_THREADS;
  process.env.VECLIB_MAXIMUM_THREADS = '1'; // read once, when the addon loads (as vecLib does)
  const a = createRequire(import.meta.url)(built.path) as NativeAddon;
  if (saved === undefined) delete process.env.VECLIB_MAXIMUM_THREADS;
  else process.env.VECLIB_MAXIMUM_THREADS = saved;
  const def = nativeAddon();

  test('reports Accelerate: library, no oneDNN, the vecLib thread cap, the API the code expects', () => {
    assert.equal(a.info(), { library: 'Accelerate', corename: '', config: 'new LAPACK, LP64' });
    assert.equal(a.sgemmEngine(), { name: 'blas', onednn: 'unavailable: not used with Accelerate' });
    assert.throws(() => a.setSgemmEngine('onednn'), /oneDNN is unavailable: not used with Accelerate/);
    assert.is(a.getThreads(), 1);
    if (def.ok) assert.is(a.apiVersion, def.addon.apiVersion);
  });

  test('sgemm/dgemm, all four transposes, blocked over 2 threads: fp64 reference, same bytes on 1 thread', () => {
    const [m, n, k] = [300, 257, 129];
    assert.ok(a.gemmBlocks(m, n, k).blocks > 1, 'the product is split into blocks');
    const u = uniform(7);
    const A = Float64Array.from({ length: m * k }, u);
    const B = Float64Array.from({ length: k * n }, u);
    const [As, Bs] = [Float32Array.from(A), Float32Array.from(B)];
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const ref = refGemm(ta, tb, m, n, k, As, Bs);
      const C1 = new Float32Array(m * n), C2 = new Float32Array(m * n), D = new Float64Array(m * n);
      a.setGemmThreads(1);
      a.sgemm(ta, tb, m, n, k, 1, As, Bs, 0, C1);
      a.setGemmThreads(2);
      a.sgemm(ta, tb, m, n, k, 1, As, Bs, 0, C2);
      a.dgemm(ta, tb, m, n, k, 1, A, B, 0, D);
      assert.ok(maxAbs(C2, ref) < 2e-5, `sgemm ${ta} ${tb}: ${maxAbs(C2, ref)}`);
      assert.ok(Buffer.from(C1.buffer).equals(Buffer.from(C2.buffer)), `sgemm ${ta} ${tb}: 1 vs 2 threads`);
      assert.ok(maxAbs(D, refGemm(ta, tb, m, n, k, A, B)) < 1e-12, `dgemm ${ta} ${tb}`);
    }
    a.setGemmThreads(1);
  });

  test('eigh (dsyevd): a known spectrum, and a random 60×60 against the default addon', () => {
    const S = Float64Array.of(2, 1, 0, 1, 2, 0, 0, 0, 5);
    const [A, w] = [Float64Array.from(S), new Float64Array(3)];
    assert.is(a.dsyevd(3, A, w), 0);
    assert.ok(maxAbs(w, [1, 3, 5]) < 1e-14, `eigenvalues ${w}`);
    for (let j = 0; j < 3; j++) {
      const v = A.subarray(3 * j, 3 * j + 3); // row j: the unit eigenvector of w[j]
      assert.ok(maxAbs(refGemm(false, false, 3, 1, 3, S, v), v.map((x) => w[j]! * x)) < 1e-14, `S v = λ v for λ = ${w[j]}`);
    }
    const n = 60, R = spd(n, 11);
    const [V, l] = [Float64Array.from(R), new Float64Array(n)];
    assert.is(a.dsyevd(n, V, l), 0);
    for (let j = 1; j < n; j++) assert.ok(l[j - 1]! <= l[j]!, 'ascending');
    const VtLV = refGemm(true, false, n, n, n, V, refGemm(false, false, n, n, n, diag(n, (i) => l[i]!), V));
    assert.ok(maxAbs(VtLV, R) < 1e-12 * l[n - 1]!, 'Vᵀ Λ V = S');
    assert.ok(maxAbs(refGemm(false, true, n, n, n, V, V), diag(n)) < 1e-13, 'orthonormal rows');
    if (def.ok) {
      const [V0, l0] = [Float64Array.from(R), new Float64Array(n)];
      def.addon.dsyevd(n, V0, l0);
      assert.ok(maxAbs(l, l0) < 1e-12 * l0[n - 1]!, 'same eigenvalues as the default addon');
    }
  });

  test('cholesky (dpotrf) and dtrsm: an exact factor, a failure code, a random solve', () => {
    const L = Float64Array.of(4, 2, -2, 2, 10, 2, -2, 2, 6);
    assert.is(a.dpotrf(3, L), 0);
    assert.equal([L[0], L[3], L[4], L[6], L[7], L[8]], [2, 1, 3, -1, 1, 2]); // lower triangle, exact
    assert.is(a.dpotrf(2, Float64Array.of(1, 2, 2, 1)), 2, 'not positive definite: leading minor 2');
    const n = 40, nrhs = 3, F = spd(n, 5);
    assert.is(a.dpotrf(n, F), 0);
    for (let i = 0; i < n; i++) F.fill(0, i * n + i + 1, (i + 1) * n);
    const X0 = Float64Array.from({ length: n * nrhs }, uniform(3));
    const B = refGemm(false, false, n, nrhs, n, F, X0);
    a.dtrsm(true, true, false, false, n, nrhs, 1, F, B);
    assert.ok(maxAbs(B, X0) < 1e-12, `L⁻¹ (L X) = X: ${maxAbs(B, X0)}`);
  });

  test('qr (dgelqf + dorglq): a known 2×1, and a random 40×7 (QR = A, QᵀQ = I, R upper)', () => {
    const [q, r] = [Float64Array.of(3, 4), new Float64Array(1)];
    assert.is(a.qr(2, 1, q, r), 0);
    assert.ok(Math.abs(Math.abs(r[0]!) - 5) < 1e-15 && maxAbs(q.map((x) => x * Math.sign(r[0]!)), [0.6, 0.8]) < 1e-15, `${q} ${r}`);
    const [m, n] = [40, 7];
    const A = Float64Array.from({ length: m * n }, uniform(9));
    const [Q, R] = [Float64Array.from(A), new Float64Array(n * n)];
    assert.is(a.qr(m, n, Q, R), 0);
    assert.ok(maxAbs(refGemm(false, false, m, n, n, Q, R), A) < 1e-13, 'QR = A');
    assert.ok(maxAbs(refGemm(true, false, n, n, m, Q, Q), diag(n)) < 1e-14, 'QᵀQ = I');
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.is(R[i * n + j], 0);
  });

  const childEnv = { ...process.env, ...macThreads, REPRO_NATIVE_ADDON: built.path };

  test('its first BLAS call on a thread asks for one BLAS thread (BLASSetThreading; the shim: OpenBLAS)', () => {
    if (!def.ok) return; // reading OpenBLAS's count takes the default addon
    // A fresh process where OpenBLAS starts on 2 threads and nothing else pins it.
    const code = `const s = require(${JSON.stringify(built.path)}); const x = new Float64Array(4);
      s.dgemm(false, false, 2, 2, 1, 1, x, x, 0, x); process.stdout.write(String(require(${JSON.stringify(defaultAddonPath)}).getThreads()));`;
    const r = spawnSync(process.execPath, ['-e', code], { env: { ...childEnv, OPENBLAS_NUM_THREADS: '2' }, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), '1');
  });

  test('the numeric suites of science/numerics pass with this build as their native backend', () => {
    const suites = '^science/numerics/(compute|elementwise|gemm-threads|gram-kernels|rng|ziggurat)\\.test\\.ts$';
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', suites], { cwd: root, env: { ...childEnv, FORCE_COLOR: '0' }, encoding: 'utf8' });
    const total = /Total:\s+(\d+)/.exec(r.stdout)?.[1], passed = /Passed:\s+(\d+)/.exec(r.stdout)?.[1];
    assert.is(r.status, 0, `exit ${r.status ?? r.signal}: ${(r.stdout + r.stderr).split('\n').filter((l) => /FAIL|Error/.test(l)).slice(0, 5).join(' | ')}`);
    assert.ok(Number(total) >= 30 && passed === total, `${passed} of ${total} passed`);
  });

  test('compute-native.ts on it: the provenance line names Accelerate and nothing OpenBLAS', () => {
    const code = `import { nativeCompute } from './science/numerics/compute-native.ts'; const c = nativeCompute(2); console.log(JSON.stringify({ detail: c.detail, threads: c.threads }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, env: childEnv, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.trim().split('\n').at(-1)!), { detail: 'native (Accelerate)', threads: 2 });
  });
}

test.run();
