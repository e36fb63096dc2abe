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
 * Data come from the seeded `Rng` (JS), the products run in tfjs (fp32). B is kept as
 * W = Bᵀ (d×n) so that no product needs a transposed operand in the forward pass.
 * The gradients are written out (tfjs-core's node build registers no gradient kernels,
 * and the model is two matmuls): with T = XW, Z = sign(T), R = ZAᵀ − X,
 *   ∂L/∂Aᵀ = (2/N) ZᵀR,   ∂L/∂T = (2/N) (RA) ⊙ β(1 − tanh²(βT)),   ∂L/∂W = Xᵀ ∂L/∂T.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { initTf, type Rng } from '../numerics/index.ts';
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
}

/** Train one G2 run on sparse data of density p (or on the rows `options.sample` draws). */
export async function trainG2(p: number, rng: Rng, options: TrainG2Options = {}): Promise<TrainG2Result> {
  const { d = 64, r = 1, law = 'gauss', steps = 4000, batch = 1024, lr = 3e-3, beta = 1, logEvery = 50, onProgress } = options;
  const sample = options.sample ?? ((out: Float64Array, g: Rng) => sampleSparse(out, p, g, { law }));
  const n = Math.round(r * d);
  const { tf, backend } = await initTf();
  const B0 = rowNormalize(rng.fillNormal(new Float64Array(n * d)), n, d);
  const W0 = new Float32Array(d * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) W0[j * n + i] = B0[i * d + j]!;
  const A0 = Float32Array.from(rng.fillNormal(new Float64Array(n * d)), (v) => 0.01 * v);
  const W = tf.variable(tf.tensor2d(W0, [d, n]), true);
  const At = tf.variable(tf.tensor2d(A0, [n, d]), true); // Aᵀ
  const opt = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const curve: { step: number; loss: number }[] = [];
  const xs = new Float64Array(batch * d);
  const xt = new Float32Array(batch * d);
  const sign = (t: TF.Tensor2D) => tf.sub(tf.mul(tf.cast(tf.greaterEqual(t, 0), 'float32'), 2), 1) as TF.Tensor2D;
  try {
    for (let step = 1; step <= steps; step++) {
      sample(xs, rng);
      const X = tf.tensor2d(Float32Array.from(xs), [batch, d]);
      // Xᵀ built in JS: on the wasm backend transposing or contracting over the batch
      // axis of a batch-sized tensor costs several plain matmuls (measured).
      for (let i = 0; i < batch; i++) for (let j = 0; j < d; j++) xt[j * batch + i] = xs[i * d + j]!;
      const log = step % logEvery === 0 || step === 1;
      const loss = tf.tidy(() => {
        const Xt = tf.tensor2d(xt, [d, batch]);
        const Wt = tf.transpose(W); // n×d: small, cheap to transpose
        const T = tf.matMul(X, W) as TF.Tensor2D; // N×n
        const Zt = sign(tf.matMul(Wt, Xt)); // n×N, = sign(T)ᵀ without transposing a batch-sized matrix
        const Z = sign(T as TF.Tensor2D);
        const R = tf.sub(tf.matMul(Z, At), X) as TF.Tensor2D; // N×d
        const gAt = tf.mul(tf.matMul(Zt, R), 2 / batch);
        const th = tf.tanh(tf.mul(T, beta));
        const gT = tf.mul(tf.mul(tf.matMul(R, tf.transpose(At)), 2 / batch), tf.mul(beta, tf.sub(1, tf.square(th))));
        const gW = tf.matMul(Xt, gT);
        opt.applyGradients([{ name: W.name, tensor: gW }, { name: At.name, tensor: gAt }]);
        return tf.div(tf.sum(tf.square(R)), batch);
      });
      X.dispose();
      if (log) {
        curve.push({ step, loss: loss.dataSync()[0]! / d });
        onProgress?.(step / steps);
      }
      loss.dispose();
      // Project B back onto unit-norm rows (= unit-norm columns of W).
      tf.tidy(() => {
        W.assign(tf.div(W, tf.norm(W, 'euclidean', 0, true)));
      });
    }
    const Wd = W.dataSync();
    const Ad = At.dataSync();
    const B = new Float64Array(n * d);
    const A = new Float64Array(d * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
      B[i * d + j] = Wd[j * n + i]!;
      A[j * n + i] = Ad[i * d + j]!;
    }
    return { B: rowNormalize(B, n, d), A, n, d, curve, backend };
  } finally {
    W.dispose();
    At.dispose();
    opt.dispose();
  }
}
