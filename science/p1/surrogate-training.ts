/**
 * Sample-based training of a sign autoencoder with an annealed smooth surrogate (P1 spec
 * §3.3 S1), fp32 products on the compute layer (BLAS natively): sign has zero derivative, so the forward pass uses
 *
 *   code = tanh(z/(τ_t·s)),  z = Bx,  s = per-neuron std of z over the batch,
 *   τ_t = max(τ_min, decay^t)  (τ → 0 turns tanh into sign),
 *
 * with decoder x̂ = A·code, loss mean ‖x − x̂‖²/d, Adam on (A, B) from A = 0 and
 * B_ij ~ N(0, 1/d). Gradients are written out (s is treated as a constant). With E = x̂ − x over a batch of b rows:
 *   ∇A = (2/(bd))·Eᵀ code,  ∇B = ((2/(bd))·(E A) ∘ (1 − code²) / (τ s))ᵀ x.
 * Evaluate the result with true sign codes and a least-squares decoder
 * (`lsDecoderRisk`).
 */
import type { Compute } from '../numerics/compute.ts';
import type { Rng } from '../numerics/rng.ts';

export interface SurrogateTrainingOptions {
  /** Adam steps. @default 3000 */
  steps?: number;
  /** Minibatch size (rows drawn with replacement). @default 512 */
  batch?: number;
  /** Adam learning rate. @default 3e-3 */
  lr?: number;
  /** τ_t = max(tauMin, tauDecay^t). @default 0.999 */
  tauDecay?: number;
  /** @default 0.05 */
  tauMin?: number;
  onProgress?: (fraction: number) => void;
}

/** Fill x (batch×d) with rows of data drawn uniformly with replacement (a copy loop: subarray() per row costs more than the copy). */
function gatherRows(data: Float32Array, d: number, batch: number, rng: Rng, N: number, x: Float32Array): void {
  for (let k = 0; k < batch; k++) {
    const src = rng.int(N) * d;
    const dst = k * d;
    for (let j = 0; j < d; j++) x[dst + j] = data[src + j]!;
  }
}

/** Train on the rows of X (N×d row-major); returns the encoder B (n×d row-major). Products in fp32 on `compute`. */
export async function trainSignSurrogate(
  compute: Compute,
  X: Float64Array,
  N: number,
  d: number,
  n: number,
  rng: Rng,
  options: SurrogateTrainingOptions = {},
): Promise<Float64Array> {
  const { steps = 3000, batch = 512, lr = 3e-3, tauDecay = 0.999, tauMin = 0.05, onProgress } = options;
  if (X.length !== N * d) throw new RangeError(`trainSignSurrogate: X must have N·d = ${N * d} entries, got ${X.length}`);
  const data = Float32Array.from(X);
  const B0 = new Float64Array(n * d);
  rng.fillNormal(B0);
  const B = Float32Array.from(B0, (v) => v / Math.sqrt(d));
  const A = new Float32Array(d * n);
  const [mA, vA, mB, vB] = [new Float32Array(d * n), new Float32Array(d * n), new Float32Array(n * d), new Float32Array(n * d)];
  const x = new Float32Array(batch * d);
  const z = new Float32Array(batch * n);
  const code = new Float32Array(batch * n);
  const E = new Float32Array(batch * d);
  const EA = new Float32Array(batch * n);
  const gA = new Float32Array(d * n);
  const gB = new Float32Array(n * d);
  const inv = new Float64Array(n); // 1/(τ·s_j)
  const cE = 2 / (batch * d);
  for (let t = 0; t < steps; t++) {
    gatherRows(data, d, batch, rng, N, x);
    const tau = Math.max(tauMin, tauDecay ** t);
    compute.sgemm(false, true, batch, n, d, 1, x, B, 0, z); // z = x Bᵀ
    // s_j = (batch std of z_·j + 1e-8)·τ; code = tanh(z/s), as code = tanh(z·(1/s))
    compute.columnStandardize(z, batch, n, tau, inv, code);
    compute.tanh(code, code);
    E.set(x);
    compute.sgemm(false, true, batch, d, n, 1, code, A, -1, E); // E = x̂ − x = code Aᵀ − x
    compute.sgemm(true, false, d, n, batch, cE, E, code, 0, gA); // ∇A = cE·Eᵀ code
    compute.sgemm(false, false, batch, n, d, cE, E, A, 0, EA); // cE·E A
    compute.tanhScaledBackward(code, inv, EA, batch, n);
    compute.sgemm(true, false, n, d, batch, 1, EA, x, 0, gB); // ∇B = dzᵀ x
    const c1 = 1 / (1 - 0.9 ** (t + 1));
    const c2 = 1 / (1 - 0.999 ** (t + 1));
    compute.adam(A, gA, mA, vA, lr, 0.9, 0.999, 1e-8, c1, c2);
    compute.adam(B, gB, mB, vB, lr, 0.9, 0.999, 1e-8, c1, c2);
    if (t % 50 === 0) {
      onProgress?.(t / steps);
      // Let the worker see a new CPU share (ctx.onCpusChange) during long runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return Float64Array.from(B);
}
