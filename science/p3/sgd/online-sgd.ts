/**
 * Online SGD of the weight-tied autoencoder x̂(x; Θ) = (1/N) Σ_i θ_i σ(⟨θ_i, x⟩) (P3 §1.2, §1.5),
 * in tfjs (fp32). Synchronous update with the spec's exact scaling (the factor d multiplies the
 * data force only, not the ridge term):
 *
 *   U = X Θᵀ, S = σ(U), S′ = σ′(U), E = X − S Θ/N, A = E Θᵀ,
 *   Θ ← Θ + ε d (Sᵀ E + (S′ ⊙ A)ᵀ X)/B − ε λ Θ,        t = k ε,  θ_i(0) ~ N(0, r0² I).
 *
 * The state is kept as Θᵀ (d×N) so that every product is a plain (non-transposed) matMul:
 * on tfjs-wasm a transposed operand makes matMul 10–20× slower (measured here). Per step:
 * X Θᵀ, S Θ, E Θᵀ, Eᵀ S, Xᵀ (S′⊙A): 10·B·N·d flops.
 *
 * Observables (§1.7) every `recordEvery` steps, on a fixed test set:
 *   c_k = (1/N) Σ_i ‖P_k θ_i‖²/d_k (P_k spanned by the basis columns of group k),
 *   R = mean ‖x − x̂‖²,  g_k^net = Σ ⟨P_k x, x̂⟩ / Σ ‖P_k x‖²  (linear-response gain).
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Rng } from '../../numerics/rng.ts';
import type { Activation } from '../activation.ts';
import { sampleRows, sourceDim, type DataSource } from './data-source.ts';
import { tfActivation, type TfActivation } from './tf-activation.ts';

export interface OnlineSgdOptions {
  /** Neurons N. */
  N: number;
  /** Activation. @default 'tanh' */
  activation?: Activation;
  /** Step ε (time per step). @default 2e-3 */
  eps?: number;
  /** Minibatch B. @default 16 */
  batch?: number;
  /** Ridge λ (§1.4). @default 0 */
  lambda?: number;
  /** Initial scale r0. @default 0.01 */
  r0?: number;
  /** Number of SGD steps (T = steps·ε). */
  steps: number;
  /** Record observables every this many steps (and at step 0). @default 100 */
  recordEvery?: number;
  /** Test rows (M×d, row-major) for R and g^net. */
  test: Float32Array;
  /** Group (block index) of each basis direction (length d); c_k, g_k are per group. */
  groups: Int32Array;
  /** Orthonormal basis, d×d row-major, column j = direction j. @default the identity */
  basis?: Float32Array;
  /** Progress callback, fraction in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export interface SgdTrajectory {
  /** Times t = kε of the records. */
  t: Float64Array;
  /** c[r][k] at record r. */
  c: Float64Array[];
  /** Linear-response gains g^net[r][k]. */
  gNet: Float64Array[];
  /** Test reconstruction error R at each record. */
  R: Float64Array;
  /** Wall seconds of the SGD steps alone (no recording). */
  stepSeconds: number;
}

/** Run online SGD from a seeded initialisation; `tf` is an initialised tfjs (see numerics `initTf`). */
export function onlineSgd(tf: typeof TF, src: DataSource, rng: Rng, options: OnlineSgdOptions): SgdTrajectory {
  const { N, activation = 'tanh', eps = 2e-3, batch: B = 16, lambda = 0, r0 = 0.01, steps, recordEvery = 100, test, groups, basis, onProgress } = options;
  const d = sourceDim(src);
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`onlineSgd: N must be a positive integer, got ${N}`);
  if (groups.length !== d) throw new RangeError(`onlineSgd: groups has length ${groups.length}, expected d = ${d}`);
  const K = Math.max(...groups) + 1;
  const act = tfActivation(tf, activation);
  const init = new Float32Array(d * N);
  for (let i = 0; i < init.length; i++) init[i] = r0 * rng.normal();
  let ThT = tf.tensor2d(init, [d, N]);
  const M = test.length / d;
  const Xt = tf.tensor2d(test, [M, d]);
  const V = basis ? tf.tensor2d(basis, [d, d]) : null;
  const XtV = V ? tf.matMul(Xt, V) : Xt;
  const groupSize = new Float64Array(K);
  for (const k of groups) groupSize[k]! += 1;
  const sumByGroup = (v: ArrayLike<number>) => {
    const out = new Float64Array(K);
    for (let j = 0; j < d; j++) out[groups[j]!]! += v[j]!;
    return out;
  };
  const xNormT = tf.tidy(() => tf.sum(tf.square(XtV), 0));
  const xNorm = sumByGroup(xNormT.dataSync());
  xNormT.dispose();
  const out: SgdTrajectory = { t: new Float64Array(Math.floor(steps / recordEvery) + 1), c: [], gNet: [], R: new Float64Array(Math.floor(steps / recordEvery) + 1), stepSeconds: 0 };
  const record = (k: number) => {
    const [cSum, gSum, r] = tf.tidy(() => {
      const P = V ? tf.matMul(tf.transpose(V), ThT) : ThT; // d×N projections ⟨θ_i, v_j⟩
      const U = tf.matMul(Xt, ThT);
      const Xh = tf.div(tf.matMul(act(U as TF.Tensor2D).S as TF.Tensor2D, tf.transpose(ThT)), N) as TF.Tensor2D;
      const XhV = V ? tf.matMul(Xh, V) : Xh;
      return [tf.sum(tf.square(P), 1), tf.sum(tf.mul(XtV, XhV), 0), tf.mean(tf.sum(tf.square(tf.sub(Xt, Xh)), 1))];
    });
    const idx = k / recordEvery;
    out.t[idx] = k * eps;
    out.c.push(sumByGroup(cSum.dataSync()).map((v, g) => v / (N * groupSize[g]!)));
    out.gNet.push(sumByGroup(gSum.dataSync()).map((v, g) => v / xNorm[g]!));
    out.R[idx] = r.dataSync()[0]!;
    tf.dispose([cSum, gSum, r]);
  };
  const xb = new Float32Array(B * d);
  const decay = 1 - eps * lambda;
  const force = (eps * d) / B;
  record(0);
  for (let k = 1; k <= steps; k++) {
    const t0 = performance.now();
    sampleRows(src, rng, xb);
    const next = tf.tidy(() => (activation === 'tanh' ? tanhStep(tf, xb, ThT, B, N, force, decay) : genericStep(tf, act, xb, ThT, B, N, force, decay)));
    ThT.dispose();
    ThT = next;
    out.stepSeconds += (performance.now() - t0) / 1000;
    if (k % recordEvery === 0) {
      record(k);
      onProgress?.(k / steps);
    }
  }
  tf.dispose([ThT, Xt, XtV]);
  if (V) V.dispose();
  return out;
}

/** One synchronous step for any activation (the §1.5 vectorised form, with Θᵀ as state). */
function genericStep(tf: typeof TF, act: TfActivation, xb: Float32Array, ThT: TF.Tensor2D, B: number, N: number, force: number, decay: number): TF.Tensor2D {
  const d = ThT.shape[0];
  const X = tf.tensor2d(xb, [B, d]);
  const { S, dS } = act(tf.matMul(X, ThT)); // B×N
  const E = tf.sub(X, tf.div(tf.matMul(S as TF.Tensor2D, tf.transpose(ThT)), N)) as TF.Tensor2D; // B×d
  const A = tf.matMul(E, ThT); // B×N
  const Q = dS ? tf.mul(dS, A) : A;
  const Ft = tf.add(tf.matMul(tf.transpose(E), S as TF.Tensor2D), tf.matMul(tf.transpose(X), Q as TF.Tensor2D)); // d×N
  return tf.add(decay === 1 ? ThT : tf.mul(ThT, decay), tf.mul(Ft, force));
}

/**
 * The same step for tanh, rearranged to touch the B×N arrays as few times as possible
 * (4 elementwise passes instead of 8). With s = sigmoid(2U): σ = 2s − 1, σ′ = 4s(1 − s), so
 *   S Θ = 2 sΘ − 1·(Σ_i θ_i)ᵀ,   Eᵀ S = 2 Eᵀ s − (Eᵀ1) 1ᵀ,   (σ′ ⊙ A)ᵀ X → 4 Xᵀ (s(1 − s) ⊙ A),
 * where every scalar factor is folded into a small (B×d or d×1) operand.
 */
function tanhStep(tf: typeof TF, xb: Float32Array, ThT: TF.Tensor2D, B: number, N: number, force: number, decay: number): TF.Tensor2D {
  const d = ThT.shape[0];
  const X = tf.tensor2d(xb, [B, d]);
  const s = tf.sigmoid(tf.matMul(tf.mul(X, 2), ThT)); // B×N
  const Th = tf.transpose(ThT); // N×d
  const sTh = tf.matMul(s, Th); // B×d
  const Xh = tf.div(tf.sub(tf.mul(sTh, 2), tf.sum(Th, 0, true)), N);
  const E = tf.sub(X, Xh) as TF.Tensor2D; // B×d
  const A = tf.matMul(E, ThT); // B×N
  const Q = tf.mul(tf.mul(s, tf.sub(1, s)), A); // s(1 − s) ⊙ A
  const Et = tf.transpose(E); // d×B
  const F1 = tf.matMul(tf.mul(Et, 2 * force), s);
  const F2 = tf.matMul(tf.transpose(tf.mul(X, 4 * force)), Q);
  const col = tf.mul(tf.sum(Et, 1, true), force); // d×1: force · Eᵀ1
  const base = decay === 1 ? ThT : tf.mul(ThT, decay);
  return tf.sub(tf.add(tf.add(base, F1), F2), col);
}
