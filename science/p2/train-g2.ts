/**
 * G2 (P2 spec §3): minibatch Adam on the linear autoencoder x̂ = A sign(Bx) with a
 * straight-through estimator, online (fresh samples every step).
 *
 *   forward   z = sign(Bx), sign(0) := +1 — a TRUE sign: a smooth forward surrogate
 *             would let the code carry "zero" information and bias GD to the identity
 *   backward  ∂z/∂t := β(1 − tanh²(βt)), β = 1
 *   loss      (1/N) Σ_batch ‖x − Az‖² (sum over coordinates)
 *   update    Adam(β₁ = 0.9, β₂ = 0.999, ε = 1e-8) on A and B, then rows of B renormalized
 *   init      Bᵢⱼ ~ N(0, 1) row-normalized, Aᵢⱼ ~ N(0, 0.01²)
 *
 * Data come from the seeded `Rng` (JS); the products run on the compute layer's fp32 sgemm
 * (BLAS natively) on plain typed arrays; Adam is written out (the tfjs formula, bias-corrected
 * moments). B is kept as W = Bᵀ (d×n) and A as Aᵀ (n×d). The gradients are written out
 * (the model is two matmuls): with T = XW, Z = sign(T), R = ZAᵀ − X,
 *   ∂L/∂Aᵀ = (2/N) ZᵀR,   ∂L/∂T = (2/N) (RA) ⊙ β(1 − tanh²(βT)),   ∂L/∂W = Xᵀ ∂L/∂T.
 */
import { loadCompute, type Compute } from '../numerics/compute.ts';
import type { Rng } from '../numerics/rng.ts';
import { sampleSparse, type NonzeroLaw } from './data.ts';
import { rowNormalize } from './encoder-shape.ts';

export interface TrainG2Options {
  /** Input dimension d. @default 64 */
  d?: number;
  /** Rate r = n/d. @default 1 */
  r?: number;
  /** Law of the non-zeros. @default 'gauss' */
  law?: NonzeroLaw;
  /** Adam steps. @default 4000 */
  steps?: number;
  /** Batch size. @default 1024 */
  batch?: number;
  /** Adam learning rate (A and B). @default 3e-3 */
  lr?: number;
  /** STE surrogate slope β. @default 1 */
  beta?: number;
  /** Record the batch loss every this many steps. @default 50 */
  logEvery?: number;
  /** Called with the fraction done, every `logEvery` steps. */
  onProgress?: (fraction: number) => void;
  /**
   * Fills a batch (batch×d, row-major) with fresh training rows, in place of the i.i.d. sparse
   * law (`p`, `law`): real data, e.g. masked whitened images (P2 F6). @default sparse i.i.d. rows
   */
  sample?: (out: Float64Array, rng: Rng) => Float64Array;
  /** The compute backend. @default `loadCompute()` */
  compute?: Compute;
}

export interface TrainG2Result {
  /** Learned encoder, row-normalized, row-major n×d. */
  B: Float64Array;
  /** Learned decoder, row-major d×n. */
  A: Float64Array;
  n: number;
  d: number;
  /** Per-coordinate batch loss (loss/d) at the logged steps. */
  curve: { step: number; loss: number }[];
  backend: string;
  /** Wall seconds of the Adam steps alone (sampling included, logging not). */
  stepSeconds: number;
}

/** Train one G2 run on sparse data of density p (or on the rows `options.sample` draws). */
export async function trainG2(p: number, rng: Rng, options: TrainG2Options = {}): Promise<TrainG2Result> {
  const { d = 64, r = 1, law = 'gauss', steps = 4000, batch = 1024, lr = 3e-3, beta = 1, logEvery = 50, onProgress } = options;
  const custom = options.sample;
  const compute = options.compute ?? (await loadCompute());
  const n = Math.round(r * d);
  const N = batch;
  const B0 = rowNormalize(rng.fillNormal(new Float64Array(n * d)), n, d);
  const W = new Float32Array(d * n); // Bᵀ
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) W[j * n + i] = B0[i * d + j]!;
  const At = Float32Array.from(rng.fillNormal(new Float64Array(n * d)), (v) => 0.01 * v); // Aᵀ (n×d)
  const adamW = adam(compute, W.length, lr);
  const adamA = adam(compute, At.length, lr);
  const curve: { step: number; loss: number }[] = [];
  const xs = custom ? new Float64Array(N * d) : undefined;
  const X = new Float32Array(N * d);
  const T = new Float32Array(N * n);
  const Z = new Float32Array(N * n);
  const R = new Float32Array(N * d);
  const G = new Float32Array(N * n);
  const gAt = new Float32Array(n * d);
  const gW = new Float32Array(d * n);
  let stepSeconds = 0;
  for (let step = 1; step <= steps; step++) {
    const t0 = performance.now();
    if (custom) X.set(custom(xs!, rng));
    else sampleSparse(X, p, rng, { law }); // straight into fp32 (the same values as via fp64)
    compute.sgemm(false, false, N, n, d, 1, X, W, 0, T); // T = XW
    compute.sign(T, Z); // sign(0) := +1
    R.set(X);
    compute.sgemm(false, false, N, d, n, 1, Z, At, -1, R); // R = ZAᵀ − X
    compute.sgemm(true, false, n, d, N, 2 / N, Z, R, 0, gAt); // ∂L/∂Aᵀ = (2/N) ZᵀR
    compute.sgemm(false, true, N, n, d, 2 / N, R, At, 0, G); // (2/N) RA
    if (beta !== 1) for (let i = 0; i < T.length; i++) T[i]! *= beta;
    compute.tanh(T, T);
    compute.tanhGrad(T, G); // ⊙ β(1 − tanh²(βT))
    if (beta !== 1) for (let i = 0; i < G.length; i++) G[i]! *= beta;
    compute.sgemm(true, false, d, n, N, 1, X, G, 0, gW); // ∂L/∂W = Xᵀ ∂L/∂T
    adamW(W, gW);
    adamA(At, gAt);
    compute.normalizeColumns(W, d, n); // rows of B back to unit norm
    stepSeconds += (performance.now() - t0) / 1000;
    if (step % logEvery === 0 || step === 1) {
      let loss = 0;
      for (let i = 0; i < R.length; i++) loss += R[i]! * R[i]!;
      curve.push({ step, loss: loss / N / d });
      onProgress?.(step / steps);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const B = new Float64Array(n * d);
  const A = new Float64Array(d * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      B[i * d + j] = W[j * n + i]!;
      A[j * n + i] = At[i * d + j]!;
    }
  return { B: rowNormalize(B, n, d), A, n, d, curve, backend: compute.backend, stepSeconds };
}

/** Adam(β₁ = 0.9, β₂ = 0.999, ε = 1e-8) in place on x, as tfjs computes it (bias-corrected m and v). */
function adam(compute: Compute, size: number, lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): (x: Float32Array, g: Float32Array) => void {
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  let b1t = 1;
  let b2t = 1;
  return (x, g) => {
    b1t *= beta1;
    b2t *= beta2;
    compute.adam(x, g, m, v, lr, beta1, beta2, eps, 1 / (1 - b1t), 1 / (1 - b2t));
  };
}
