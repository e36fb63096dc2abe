/**
 * The one compute interface of the science code: dense products and float64 linear algebra on
 * row-major typed arrays, with two implementations chosen at run time —
 *
 * - `native`: the system BLAS/LAPACK (OpenBLAS on Linux, Accelerate on macOS) through the N-API
 *   addon in `native/`, operating on the caller's arrays without copying;
 * - `wasm`: the fallback when the addon is not built — tfjs's wasm backend for fp32 products,
 *   the project's JS ports for float64 linear algebra.
 *
 * Both compute the same numbers to fp32 (products) or float64 (linear algebra) round-off, so the
 * choice is provenance (`ctx.record`), never part of a cache key. `REPRO_COMPUTE=wasm` forces the
 * fallback; `REPRO_COMPUTE=native` makes a missing addon an error instead of a warning.
 */
import { jsLinalg, loadWasmCompute } from './compute-wasm.ts';
import { nativeAddon, nativeCompute, nativeLinalg } from './compute-native.ts';
import type { Elementwise } from './elementwise.ts';
import type { FlatEig } from './sym-eig-flat.ts';

export type Backend = 'native' | 'wasm';

/** Float64 linear algebra, synchronous on both backends. Matrices are row-major. */
export interface Linalg {
  readonly backend: Backend;
  /** C ← α·op(A)·op(B) + β·C with op(A) m×k, op(B) k×n (op = transpose when the flag is set); C m×n. */
  dgemm(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void;
  /** Symmetric eigendecomposition S = V diag(values) Vᵀ, values descending, column j of V = eigenvector j. */
  eigh(S: Float64Array, n: number): FlatEig;
  /** Lower Cholesky factor L (S = LLᵀ, zeros above the diagonal) as a new array; RangeError if S is not positive definite. */
  cholesky(S: Float64Array, n: number): Float64Array;
  /** In place: B ← op(T)⁻¹ B for triangular T (n×n) and B (n×nrhs). */
  solveTriangular(T: Float64Array, n: number, B: Float64Array, nrhs: number, options?: { lower?: boolean; transpose?: boolean }): void;
  /** Thin QR of A (m×n, m ≥ n) with diag(R) ≥ 0 (so Q is unique, and Haar when A is Gaussian). New arrays. */
  qr(A: Float64Array, m: number, n: number): { Q: Float64Array; R: Float64Array };
}

/** Everything the training loops need: fp32 products, activations and fused steps, plus `Linalg`. */
export interface Compute extends Linalg, Elementwise {
  /** What ran, for provenance: e.g. `native (OpenBLAS 0.3.21, Haswell kernels)`. */
  readonly detail: string;
  /** C ← α·op(A)·op(B) + β·C in fp32, same layout as `dgemm`. */
  sgemm(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, A: Float32Array, B: Float32Array, beta: number, C: Float32Array): void;
  /** out[i] = tanh(x[i]) (out may be x). */
  tanh(x: Float32Array, out: Float32Array): void;
  /** out[i] = arcsin(x[i]) for |x[i]| ≤ 1 (out may be x). */
  asin(x: Float32Array, out: Float32Array): void;
  /** a[i] ← (1 − s[i]²)·a[i]: tanh′ applied from tanh's output s (backpropagation through tanh). */
  tanhGrad(s: Float32Array, a: Float32Array): void;
  /** Threads the products may use from now on (the worker's share of the cores). */
  setThreads(n: number): void;
  readonly threads: number;
}

export interface LoadComputeOptions {
  /** Force a backend. @default REPRO_COMPUTE, else native when the addon loads */
  backend?: Backend;
  /** Threads for the products. @default the last `setComputeThreads`, else 2 */
  threads?: number;
}

let threads = 2;
const loaded = new Map<Backend, Promise<Compute>>();
let warned = false;

function requested(): Backend | undefined {
  const v = process.env.REPRO_COMPUTE;
  if (v === undefined || v === '' || v === 'auto') return undefined;
  if (v !== 'native' && v !== 'wasm') throw new RangeError(`REPRO_COMPUTE must be 'native', 'wasm' or 'auto', got '${v}'`);
  return v;
}

/** The backend `loadCompute()` picks with no options: REPRO_COMPUTE, else native if the addon loads. */
export function defaultBackend(): Backend {
  const want = requested();
  if (want === 'wasm') return 'wasm';
  const addon = nativeAddon();
  if (addon.ok) return 'native';
  if (want === 'native') throw new Error(`REPRO_COMPUTE=native, but the native addon did not load: ${addon.reason}`);
  if (!warned) {
    warned = true;
    const install = process.platform === 'darwin' ? "Xcode's command line tools (xcode-select --install; the addon uses Accelerate)" : 'a C++ compiler and libopenblas-dev liblapacke-dev (Debian)';
    process.stderr.write(`repro: native BLAS addon not loaded (${addon.reason}); using the wasm path. To enable it: install ${install}, then \`npm run build:native\`.\n`);
  }
  return 'wasm';
}

/** The compute backend (loaded once per process and backend). */
export function loadCompute(options: LoadComputeOptions = {}): Promise<Compute> {
  if (options.threads !== undefined) setComputeThreads(options.threads);
  const backend = options.backend ?? defaultBackend();
  let c = loaded.get(backend);
  if (!c) {
    c = backend === 'native' ? Promise.resolve(nativeCompute(threads)) : loadWasmCompute(threads);
    loaded.set(backend, c);
  }
  return c.then((compute) => {
    compute.setThreads(threads);
    return compute;
  });
}

/** Float64 linear algebra on the default backend (synchronous: no tfjs needed). */
export function linalg(backend: Backend = defaultBackend()): Linalg {
  return backend === 'native' ? nativeLinalg() : jsLinalg;
}

/**
 * The number of threads the compute backends may use in this process (a worker's share of the
 * cores); applies to loaded backends at once. Stages set it from `ctx.cpus`.
 */
export function setComputeThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setComputeThreads: n must be a positive integer, got ${n}`);
  threads = n;
  for (const c of loaded.values()) void c.then((compute) => compute.setThreads(n));
}

export function computeThreads(): number {
  return threads;
}
