/**
 * Joint projected GD on (A, Ŵ) for the sign autoencoder on x ~ N(0, I_d) (P1 spec §3.2(b)),
 * in tfjs fp32. A (d×n) starts at 0; Ŵ (n×d) keeps unit rows. On L = d·R, with M = arcsin(G),
 * D = arcsin′(G) off the diagonal (`signGramTensors`):
 *
 *   L = d − 2√(2/π)·Tr(AŴ) + (2/π)·Tr(A M Aᵀ)
 *   ∇_A L = −2√(2/π)·Ŵᵀ + (4/π)·A M
 *   ∇_Ŵ L = −2√(2/π)·Aᵀ + (4/π)·((AᵀA) ∘ D)·Ŵ,  projected on each row's tangent space
 *   A ← A − η_A ∇_A L,   ŵ_i ← normalise(ŵ_i − η_B g_i)
 *
 * Spec steps (on R): 0.5·d/max(1, r) for A, 0.05·d for Ŵ, i.e. η_A = 0.5/max(1, r), η_B = 0.05
 * on L. Result (spec): r = 0.5 reaches 0.681690 by step 100; r = 2 gives 0.22317 (step 100),
 * 0.22251 (step 3000). Evaluate the returned (A, Ŵ) in float64 with `signRisk`.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TfHandle } from '../numerics/tf.ts';
import { signGramTensors } from './sign-gram-tf.ts';

export interface JointGdOptions {
  /** Number of GD steps. */
  iterations: number;
  /** Step on L for A. @default 0.5/max(1, n/d) */
  etaA?: number;
  /** Step on L for Ŵ. @default 0.05 */
  etaB?: number;
  /** Record the fp32 risk every this many steps (and at the last). @default 10 */
  recordEvery?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal. @default 1e-6 */
  clip?: number;
  onProgress?: (fraction: number) => void;
}

export interface GdTrace {
  /** Steps at which the risk was recorded (0 first). */
  t: number[];
  /** fp32 risk R(A, Ŵ) (joint) or R of the tied model at those steps. */
  risk: number[];
}

export interface JointGdResult {
  /** Decoder A, row-major d×n. */
  A: Float64Array;
  /** Unit rows Ŵ, row-major n×d. */
  W: Float64Array;
  trace: GdTrace;
}

/** Run joint projected GD from the rows `W0` (row-major n×d, normalised here) and A = 0. */
export async function jointGd(handle: TfHandle, W0: Float64Array, n: number, d: number, options: JointGdOptions): Promise<JointGdResult> {
  const { iterations, etaA = 0.5 / Math.max(1, n / d), etaB = 0.05, recordEvery = 10, clip = 1e-6, onProgress } = options;
  if (W0.length !== n * d) throw new RangeError(`jointGd: W0 must have n·d = ${n * d} entries, got ${W0.length}`);
  const { tf } = handle;
  const c1 = 2 * Math.sqrt(2 / Math.PI);
  let W: Tensor = tf.tidy(() => {
    const w = tf.tensor2d(Float32Array.from(W0), [n, d]);
    return tf.div(w, tf.norm(w, 'euclidean', 1, true));
  });
  let A: Tensor = tf.zeros([d, n]);
  const trace: GdTrace = { t: [], risk: [] };
  for (let t = 0; t <= iterations; t++) {
    if (t % recordEvery === 0 || t === iterations) {
      const loss = tf.tidy(() => {
        const { M } = signGramTensors(handle, W, clip);
        const cross = tf.sum(tf.mul(tf.transpose(A), W));
        return tf.add(tf.mul(cross, -c1), tf.mul(tf.sum(tf.mul(tf.matMul(A, M), A)), 2 / Math.PI));
      });
      trace.t.push(t);
      trace.risk.push(1 + (await loss.data())[0]! / d);
      loss.dispose();
      onProgress?.(t / Math.max(1, iterations));
    }
    if (t === iterations) break;
    const [An, Wn] = tf.tidy(() => {
      const { M, D } = signGramTensors(handle, W, clip);
      const At = tf.transpose(A);
      const gA = tf.add(tf.mul(tf.transpose(W), -c1), tf.mul(tf.matMul(A, M), 4 / Math.PI));
      const gW = tf.add(tf.mul(At, -c1), tf.mul(tf.matMul(tf.mul(tf.matMul(At, A), D), W), 4 / Math.PI));
      const tangent = tf.sub(gW, tf.mul(tf.sum(tf.mul(gW, W), 1, true), W));
      const w = tf.sub(W, tf.mul(etaB, tangent));
      return [tf.sub(A, tf.mul(etaA, gA)), tf.div(w, tf.norm(w, 'euclidean', 1, true))];
    });
    tf.dispose([A, W]);
    A = An!;
    W = Wn!;
  }
  const out = { A: Float64Array.from(await A.data()), W: Float64Array.from(await W.data()), trace };
  tf.dispose([A, W]);
  return out;
}
