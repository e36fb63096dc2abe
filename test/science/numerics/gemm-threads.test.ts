/**
 * The native products on several threads (native/gemm-blocked.cc): C is cut into blocks fixed
 * by the shape, each one single-threaded call (sgemm: oneDNN's or OpenBLAS's, both tested), so the
 * bytes are the same for any thread count — unlike OpenBLAS's own threading (one 256×100·100×2000 sgemm differs in 38,770 of
 * 512,000 entries between its 1 and 2 threads). Every hot loop's product shape, every transpose,
 * 1, 2 and 3 threads; and the blocks land where they belong (against a float64 reference).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeAddon, nativeThreads, type NativeAddon, type SgemmEngine } from '../../../science/numerics/compute-native.ts';
import { createRng } from '../../../science/numerics/rng.ts';

const test = suite('science/numerics/gemm-threads');
const loaded = nativeAddon();

/** [name, transA, transB, m, n, k, split]: op(A) m×k, op(B) k×n; split: cut into ≥ 2 blocks. */
type Shape = [string, boolean, boolean, number, number, number, boolean?];
const HOT: Shape[] = [
  // P3 online SGD (science/p3/sgd/online-sgd.ts), B = 16: U = XΘᵀ, E −= SΘ/N, Θᵀ += EᵀS
  ['P3 U d=100', false, false, 16, 2000, 100, true],
  ['P3 SΘ d=100', false, true, 16, 100, 2000, false], // C is 16×100: too narrow to split
  ['P3 update d=100', true, false, 100, 2000, 16, true],
  ['P3 U d=200', false, false, 16, 4000, 200, true],
  ['P3 SΘ d=200', false, true, 16, 200, 4000, false],
  ['P3 update d=200', true, false, 200, 4000, 16, true],
  ['P3 U B=256 (OpenBLAS threads differ here)', false, false, 256, 2000, 100, true],
  // P2 G2 (science/p2/train-g2.ts), batch 1024, d = n = 64 and 256
  ['P2 XW d=64', false, false, 1024, 64, 64, true],
  ['P2 ZᵀR d=64', true, false, 64, 64, 1024, false],
  ['P2 RA d=64', false, true, 1024, 64, 64, true],
  ['P2 XW d=256', false, false, 1024, 256, 256, true],
  ['P2 ZᵀR d=256', true, false, 256, 256, 1024, true],
  ['P2 XᵀG d=256', true, false, 256, 256, 1024, true],
  ['P2 RA d=256', false, true, 1024, 256, 256, true],
  // P1 projected GD (science/p1/projected-gd.ts), n = 400, d = 100
  ['P1 XŴS', false, false, 400, 100, 400, true],
  ['P1 ŴŴᵀ', false, true, 400, 400, 100, true],
  ['P1 X(2I − MX)', false, false, 400, 400, 400, true],
];

function random(n: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n));
}

/** C ← α op(A) op(B) + β C on the given thread count; returns C's bytes. */
function product<T extends Float32Array | Float64Array>(a: NativeAddon, threads: number, [, ta, tb, m, n, k]: Shape, A: T, B: T, C0: T, alpha: number, beta: number): Buffer {
  a.setGemmThreads(threads);
  const C = C0.slice() as T;
  if (C instanceof Float32Array) a.sgemm(ta, tb, m, n, k, alpha, A as Float32Array, B as Float32Array, beta, C);
  else a.dgemm(ta, tb, m, n, k, alpha, A as Float64Array, B as Float64Array, beta, C as Float64Array);
  return Buffer.from(C.buffer);
}

if (!loaded.ok) {
  test('native addon not built: nothing to test here', () => {
    assert.not.ok(process.env.CI, `CI builds the addon: ${loaded.reason}`);
  });
} else {
  const a = loaded.addon;

  test('the partition depends on the shape alone, covers C, and splits the big hot products', () => {
    for (const [name, , , m, n, k, split] of HOT) {
      const p = a.gemmBlocks(m, n, k);
      const side = p.byColumns ? n : m;
      assert.ok(p.blocks >= 1 && p.width * p.blocks >= side && p.width * (p.blocks - 1) < side, `${name}: ${JSON.stringify(p)}`);
      assert.is(p.blocks >= 2, split, `${name} (${m}×${n}×${k}): ${JSON.stringify(p)}`);
    }
    assert.equal(a.gemmBlocks(16, 100, 1000).blocks, 1, 'a small product is one call');
    a.setGemmThreads(1);
    const onOne = HOT.map(([, , , m, n, k]) => a.gemmBlocks(m, n, k));
    a.setGemmThreads(3);
    assert.equal(HOT.map(([, , , m, n, k]) => a.gemmBlocks(m, n, k)), onOne, 'the partition changed with the thread count');
    a.setGemmThreads(1);
  });

  const engines: SgemmEngine[] = a.sgemmEngine().name === 'onednn' ? ['onednn', 'blas'] : ['blas'];
  const onEngine = (engine: SgemmEngine, body: () => void) => {
    const saved = a.sgemmEngine().name;
    a.setSgemmEngine(engine);
    try {
      body();
    } finally {
      a.setSgemmEngine(saved);
      a.setGemmThreads(1);
    }
  };

  test('oneDNN is the sgemm where libdnnl is installed (CI installs it)', () => {
    const e = a.sgemmEngine();
    // (The Accelerate build, which accelerate-shim.test.ts runs this suite on, never uses oneDNN.)
    if (process.env.CI && a.info().library !== 'Accelerate') assert.is(e.name, 'onednn', `oneDNN ${e.onednn}`);
    if (e.name === 'onednn') assert.match(e.onednn, /^oneDNN \d+\.\d+\.\d+, \w+/);
    else assert.match(e.onednn, /^unavailable: /);
    assert.throws(() => a.setSgemmEngine('mkl' as SgemmEngine), /expected 'onednn' or 'blas', got 'mkl'/);
  });

  for (const engine of engines)
    test(`sgemm (${engine}): the same bytes on 1, 2 and 3 threads for every hot shape (α, β ≠ 0, repeated)`, () => onEngine(engine, () => {
      for (const [i, shape] of HOT.entries()) {
        const [name, , , m, n, k] = shape;
        const A = Float32Array.from(random(m * k, 3 * i + 1));
        const B = Float32Array.from(random(k * n, 3 * i + 2));
        const C0 = Float32Array.from(random(m * n, 3 * i + 3));
        const one = product(a, 1, shape, A, B, C0, 0.7, 0.3);
        for (const threads of [2, 3, 2, 3]) assert.ok(product(a, threads, shape, A, B, C0, 0.7, 0.3).equals(one), `${name}: bytes differ between 1 and ${threads} threads`);
      }
    }));

  test('dgemm: the same bytes on 1, 2 and 3 threads', () => {
    for (const shape of [HOT[3]!, HOT[5]!, HOT[12]!] as Shape[]) {
      const [name, , , m, n, k] = shape;
      const [A, B, C0] = [random(m * k, 1), random(k * n, 2), random(m * n, 3)];
      const one = product(a, 1, shape, A, B, C0, 1, -1);
      for (const threads of [2, 3]) assert.ok(product(a, threads, shape, A, B, C0, 1, -1).equals(one), `${name}: bytes differ between 1 and ${threads} threads`);
    }
    a.setGemmThreads(1);
  });

  for (const engine of engines)
    test(`split products (${engine}) are the product: every transpose, column and row blocks, against float64`, () => onEngine(engine, () => {
      // 16×1000 (k = 200) splits into column blocks, 1000×16 into row blocks.
      for (const [m, n, k] of [[16, 1000, 200], [1000, 16, 200]] as const) {
        assert.ok(a.gemmBlocks(m, n, k).blocks >= 2);
        for (const ta of [false, true])
          for (const tb of [false, true]) {
            const [A, B, C0] = [random(m * k, 5), random(k * n, 6), random(m * n, 7)];
            const C = Float32Array.from(C0);
            a.setGemmThreads(2);
            a.sgemm(ta, tb, m, n, k, 0.5, Float32Array.from(A), Float32Array.from(B), -2, C);
            let worst = 0;
            for (let i = 0; i < m; i++)
              for (let j = 0; j < n; j++) {
                let s = 0;
                for (let p = 0; p < k; p++) s += (ta ? A[p * m + i]! : A[i * k + p]!) * (tb ? B[j * k + p]! : B[p * n + j]!);
                worst = Math.max(worst, Math.abs(C[i * n + j]! - (0.5 * s - 2 * C0[i * n + j]!)));
              }
            // Entries are O(√k) ≈ 14; fp32 round-off over k = 200 terms stays far below 1e-3.
            assert.ok(worst < 1e-3, `${m}×${n}×${k} ta=${ta} tb=${tb}: max error ${worst}`);
          }
      }
    }));

  test('REPRO_NATIVE_THREADS caps the share; a bad value is a one-line error', () => {
    const saved = process.env.REPRO_NATIVE_THREADS;
    try {
      process.env.REPRO_NATIVE_THREADS = '1';
      assert.is(nativeThreads(4), 1);
      process.env.REPRO_NATIVE_THREADS = '8';
      assert.is(nativeThreads(2), 2);
      process.env.REPRO_NATIVE_THREADS = 'two';
      assert.throws(() => nativeThreads(2), /REPRO_NATIVE_THREADS must be a positive integer, got 'two'/);
      delete process.env.REPRO_NATIVE_THREADS;
      assert.is(nativeThreads(3), 3);
    } finally {
      if (saved === undefined) delete process.env.REPRO_NATIVE_THREADS;
      else process.env.REPRO_NATIVE_THREADS = saved;
    }
  });

  test('OpenBLAS itself stays on one thread; setGemmThreads rejects a bad count', () => {
    a.setGemmThreads(3);
    assert.is(a.gemmThreads(), 3);
    assert.is(a.getThreads(), 1);
    assert.throws(() => a.setGemmThreads(0), /positive integer, got 0/);
    a.setGemmThreads(1);
  });
}

test.run();
