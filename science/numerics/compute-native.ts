/**
 * The `native` compute backend: the addon in `native/` (built by `npm install` when a compiler
 * and the system BLAS are present), found by walking up from this module to the project root —
 * which also works from a stage bundle under `cache/`. `REPRO_NATIVE_ADDON` overrides the path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Compute, Linalg } from './compute.ts';
import { jsElementwise, nativeElementwise, type Elementwise } from './elementwise.ts';
import type { FlatEig } from './sym-eig-flat.ts';
import { withZeroRowsDeflated } from './sym-eig-flat.ts';

/** The addon's exports (see native/blas.cc, elementwise.cc; random.cc's in rng.ts). */
/** native/blas.cc's kApiVersion that this module expects. */
const ADDON_API_VERSION = 8;

export interface NativeAddon extends Elementwise {
  /** Bumped with every change to the exports (native/blas.cc kApiVersion). */
  readonly apiVersion?: number;
  sgemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, A: Float32Array, B: Float32Array, beta: number, C: Float32Array): void;
  dgemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void;
  dsyevd(n: number, A: Float64Array, w: Float64Array): number;
  dpotrf(n: number, A: Float64Array): number;
  dtrsm(left: boolean, lower: boolean, trans: boolean, unit: boolean, m: number, n: number, alpha: number, A: Float64Array, B: Float64Array): void;
  qr(m: number, n: number, A: Float64Array, R: Float64Array): number;
  tanh(x: Float32Array, out: Float32Array): void;
  asin(x: Float32Array, out: Float32Array): void;
  tanhGrad(s: Float32Array, a: Float32Array): void;
  /**
   * The BLAS's own thread count, kept at 1 (its results depend on it). OpenBLAS: set here.
   * Accelerate has no such call (a no-op): VECLIB_MAXIMUM_THREADS=1 is set before it loads, and
   * getThreads() reports that cap.
   */
  setThreads(n: number): void;
  getThreads(): number;
  /** Threads for sgemm/dgemm (native/gemm-blocked.cc): a fixed partition of C, same bytes for any count. */
  setGemmThreads(n: number): void;
  gemmThreads(): number;
  /** The partition of an m×n (inner k) product: `blocks` column (or row) blocks of `width`; 1 = one call. */
  gemmBlocks(m: number, n: number, k: number): { byColumns: boolean; width: number; blocks: number };
  info(): { library: string; corename: string; config: string };
  /** The sgemm under the products (native/sgemm-engine.cc): `onednn` names its version and ISA, or why it is unavailable. */
  sgemmEngine(): { name: SgemmEngine; onednn: string };
  setSgemmEngine(name: SgemmEngine): void;
}

/** oneDNN's sgemm (AVX-512 where the CPU has it) when the system has libdnnl, else the BLAS's. */
export type SgemmEngine = 'onednn' | 'blas';

const ADDON = join('native', 'build', 'Release', 'repro_blas.node');

function findAddon(): string | undefined {
  if (process.env.REPRO_NATIVE_ADDON) return process.env.REPRO_NATIVE_ADDON;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ADDON))) return join(dir, ADDON);
    if (dirname(dir) === dir) return undefined;
  }
}

let state: { ok: true; addon: NativeAddon } | { ok: false; reason: string } | undefined;

/** The addon, loaded once; `reason` says why not (not built, BLAS library missing…). */
export function nativeAddon(): { ok: true; addon: NativeAddon } | { ok: false; reason: string } {
  if (!state) {
    const path = findAddon();
    if (!path) state = { ok: false, reason: `${ADDON} not built` };
    else {
      try {
        // Accelerate (macOS) threads its BLAS by default, with the same thread-count dependence;
        // vecLib reads this variable when it loads, so it must be set before the addon is. Set,
        // not defaulted: a user's VECLIB_MAXIMUM_THREADS (numpy users often set one) must no more
        // change the bytes than OPENBLAS_NUM_THREADS does. (macOS 15+: the addon also asks for one
        // thread per calling thread, native/blas-threads.h.)
        if (process.platform === 'darwin') process.env.VECLIB_MAXIMUM_THREADS = '1';
        const loaded = createRequire(import.meta.url)(path) as NativeAddon;
        if (loaded.apiVersion !== ADDON_API_VERSION) throw new Error(`${path} is out of date (API ${loaded.apiVersion ?? 1}, this code needs ${ADDON_API_VERSION}); run \`npm run build:native\``);
        // OpenBLAS's results depend on its thread count (a 256×100·100×2000 sgemm differs in
        // 38,770 of 512,000 entries between 1 and 2 threads; its default is one per core, and a
        // SLURM task sees other cores than a laptop). Output bytes must not depend on where or
        // beside what a stage ran, so OpenBLAS itself (every BLAS and LAPACK call) runs on one
        // thread; products get their cores from the addon's fixed partition (setGemmThreads).
        loaded.setThreads(1);
        state = { ok: true, addon: loaded };
      } catch (e) {
        state = { ok: false, reason: (e instanceof Error ? e.message : String(e)).split('\n')[0]! };
      }
      if (state.ok) applySgemmEngineChoice(state.addon);
    }
  }
  return state;
}

/** REPRO_SGEMM=blas|onednn overrides the default (oneDNN when it loaded). */
function applySgemmEngineChoice(b: NativeAddon): void {
  const want = process.env.REPRO_SGEMM;
  if (want === undefined || want === '') return;
  if (want !== 'onednn' && want !== 'blas') throw new RangeError(`REPRO_SGEMM must be 'onednn' or 'blas', got '${want}'`);
  if (want === 'onednn' && b.sgemmEngine().name !== 'onednn') throw new Error(`REPRO_SGEMM=onednn, but oneDNN is ${b.sgemmEngine().onednn}`);
  b.setSgemmEngine(want);
}

function addon(): NativeAddon {
  const a = nativeAddon();
  if (!a.ok) throw new Error(`native compute backend unavailable: ${a.reason}`);
  return a.addon;
}

function lapackError(routine: string, info: number, what: string): Error {
  return new RangeError(`${routine} failed (info = ${info}): ${what}`);
}

let linalgImpl: Linalg | undefined;

export function nativeLinalg(): Linalg {
  if (linalgImpl) return linalgImpl;
  const b = addon();
  const rawEig = (S: Float64Array, n: number): FlatEig => {
    const A = Float64Array.from(S);
    const w = new Float64Array(n);
    const info = b.dsyevd(n, A, w);
    if (info !== 0) throw lapackError('dsyevd', info, 'the eigensolver did not converge');
    // dsyevd: w ascending, row j of A = eigenvector j. Return descending, as columns.
    const values = new Float64Array(n);
    const vectors = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const src = n - 1 - j;
      values[j] = w[src]!;
      for (let i = 0; i < n; i++) vectors[i * n + j] = A[src * n + i]!;
    }
    return { values, vectors };
  };
  linalgImpl = {
    backend: 'native',
    dgemm: (ta, tb, m, n, k, alpha, A, B, beta, C) => b.dgemm(ta, tb, m, n, k, alpha, A, B, beta, C),
    eigh: (S, n) => {
      if (S.length !== n * n) throw new RangeError(`eigh: expected ${n}×${n} = ${n * n} values, got ${S.length}`);
      return withZeroRowsDeflated(S, n, rawEig);
    },
    cholesky(S, n) {
      if (S.length !== n * n) throw new RangeError(`cholesky: expected ${n}×${n} = ${n * n} values, got ${S.length}`);
      const L = Float64Array.from(S);
      const info = b.dpotrf(n, L);
      if (info > 0) throw new RangeError(`cholesky: matrix is not positive definite (leading minor ${info})`);
      if (info < 0) throw lapackError('dpotrf', info, 'bad argument');
      for (let i = 0; i < n; i++) L.fill(0, i * n + i + 1, (i + 1) * n);
      return L;
    },
    solveTriangular(T, n, B, nrhs, { lower = true, transpose = false } = {}) {
      b.dtrsm(true, lower, transpose, false, n, nrhs, 1, T, B);
    },
    qr(A, m, n) {
      if (A.length !== m * n) throw new RangeError(`qr: expected ${m}×${n} = ${m * n} values, got ${A.length}`);
      const Q = Float64Array.from(A);
      const R = new Float64Array(n * n);
      const info = b.qr(m, n, Q, R);
      if (info !== 0) throw lapackError('dgelqf/dorglq', info, 'bad argument');
      positiveDiagonal(Q, R, m, n);
      return { Q, R };
    },
  };
  return linalgImpl;
}

/** Flip signs so that diag(R) ≥ 0 (column j of Q and row j of R together). */
export function positiveDiagonal(Q: Float64Array, R: Float64Array, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    if (R[j * n + j]! >= 0) continue;
    for (let c = j; c < n; c++) R[j * n + c] = -R[j * n + c]!;
    for (let i = 0; i < m; i++) Q[i * n + j] = -Q[i * n + j]!;
  }
}

/**
 * Threads for the products: the CPU share, at most `REPRO_NATIVE_THREADS` when set (the bytes
 * are the same either way; a cap helps when other work already keeps the cores busy).
 */
export function nativeThreads(share: number): number {
  const v = process.env.REPRO_NATIVE_THREADS;
  if (v === undefined || v === '') return share;
  const cap = Number(v);
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`REPRO_NATIVE_THREADS must be a positive integer, got '${v}'`);
  return Math.min(share, cap);
}

export function nativeCompute(threads: number): Compute {
  const b = addon();
  const la = nativeLinalg();
  const { library, corename, config } = b.info();
  const version = /OpenBLAS ([\d.]+)/.exec(config)?.[1];
  const engine = b.sgemmEngine();
  // Products follow the CPU share on the addon's own pool: C is cut into blocks fixed by the
  // shape alone, each one single-threaded sgemm (oneDNN's or OpenBLAS's) or dgemm call, so the
  // bytes do not depend on the share.
  // LAPACK (eigh, cholesky, qr) stays on the BLAS's one thread (see nativeAddon()).
  b.setGemmThreads(nativeThreads(threads));
  return {
    ...la,
    ...(typeof b.adam === 'function' ? nativeElementwise(b) : jsElementwise),
    detail: `native (${library}${version ? ` ${version}` : ''}${corename ? `, ${corename} kernels` : ''}${engine.name === 'onednn' ? `; sgemm: ${engine.onednn}` : ''})`,
    sgemm: (ta, tb, m, n, k, alpha, A, B, beta, C) => b.sgemm(ta, tb, m, n, k, alpha, A, B, beta, C),
    tanh: (x, out) => b.tanh(x, out),
    asin: (x, out) => b.asin(x, out),
    tanhGrad: (s, a) => b.tanhGrad(s, a),
    setThreads(n) {
      b.setGemmThreads(nativeThreads(n));
    },
    get threads() {
      return b.gemmThreads();
    },
  };
}
