/**
 * Sample-based training of a sign autoencoder with an annealed smooth surrogate (P1 spec
 * §3.3 S1), in tfjs fp32: sign has zero derivative, so the forward pass uses
 *
 *   code = tanh(z/(τ_t·s)),  z = Bx,  s = per-neuron std of z over the batch,
 *   τ_t = max(τ_min, decay^t)  (τ → 0 turns tanh into sign),
 *
 * with decoder x̂ = A·code, loss mean ‖x − x̂‖²/d, Adam on (A, B) from A = 0 and
 * B_ij ~ N(0, 1/d). Gradients are written out (s is treated as a constant), since tfjs-core
 * as loaded here registers no gradient kernels. With E = x̂ − x over a batch of b rows:
 *   ∇A = (2/(bd))·Eᵀ code,  ∇B = ((2/(bd))·(E A) ∘ (1 − code²) / (τ s))ᵀ x.
 * Evaluate the result with true sign codes and a least-squares decoder
 * (`lsDecoderRisk`).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TfHandle } from '../numerics/tf.ts';
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

/** Train on the rows of X (N×d row-major); returns the encoder B (n×d row-major). */
export async function trainSignSurrogate(
  handle: TfHandle,
  X: Float64Array,
  N: number,
  d: number,
  n: number,
  rng: Rng,
  options: SurrogateTrainingOptions = {},
): Promise<Float64Array> {
  const { steps = 3000, batch = 512, lr = 3e-3, tauDecay = 0.999, tauMin = 0.05, onProgress } = options;
  if (X.length !== N * d) throw new RangeError(`trainSignSurrogate: X must have N·d = ${N * d} entries, got ${X.length}`);
  const { tf } = handle;
  const data = tf.tensor2d(Float32Array.from(X), [N, d]);
  const B0 = new Float64Array(n * d);
  rng.fillNormal(B0);
  let B: Tensor = tf.mul(tf.tensor2d(Float32Array.from(B0), [n, d]), 1 / Math.sqrt(d));
  let A: Tensor = tf.zeros([d, n]);
  const moments = [tf.zeros([d, n]), tf.zeros([d, n]), tf.zeros([n, d]), tf.zeros([n, d])] as Tensor[];
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const idx = new Int32Array(batch);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < batch; k++) idx[k] = rng.int(N);
    const tau = Math.max(tauMin, tauDecay ** t);
    const next = tf.tidy(() => {
      const x = tf.gather(data, tf.tensor1d(idx, 'int32'));
      const z = tf.matMul(x, tf.transpose(B));
      const scale = tf.mul(tf.add(tf.sqrt(tf.moments(z, 0).variance), 1e-8), tau);
      const code = tf.tanh(tf.div(z, scale));
      const E = tf.mul(tf.sub(tf.matMul(code, tf.transpose(A)), x), 2 / (batch * d));
      const gA = tf.matMul(tf.transpose(E), code);
      const dz = tf.div(tf.mul(tf.matMul(E, A), tf.sub(1, tf.square(code))), scale);
      const gB = tf.matMul(tf.transpose(dz), x);
      const c1 = 1 - b1 ** (t + 1);
      const c2 = 1 - b2 ** (t + 1);
      const adam = (p: Tensor, g: Tensor, m: Tensor, v: Tensor) => {
        const m2 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
        const v2 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
        const p2 = tf.sub(p, tf.div(tf.mul(m2, lr / c1), tf.add(tf.sqrt(tf.div(v2, c2)), eps)));
        return [p2, m2, v2];
      };
      return [...adam(A, gA, moments[0]!, moments[1]!), ...adam(B, gB, moments[2]!, moments[3]!)];
    });
    tf.dispose([A, B, ...moments]);
    [A, moments[0], moments[1], B, moments[2], moments[3]] = next as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
    if (t % 50 === 0) onProgress?.(t / steps);
  }
  const out = Float64Array.from(await B.data());
  tf.dispose([data, A, B, ...moments]);
  return out;
}
