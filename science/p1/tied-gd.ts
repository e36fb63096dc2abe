/**
 * Weight-tied sign autoencoder x̂ = Bᵀ sign(Bx) trained by plain GD on B (P1 spec §3.2(c)),
 * isotropic Gaussian data, tfjs fp32. With ρ_i = ‖b_i‖, b̂_i = b_i/ρ_i, G = B̂B̂ᵀ:
 *
 *   R = (1/d)·[d − 2√(2/π)·Σ_i ρ_i + (2/π)·Σ_ij ρ_iρ_j G_ij arcsin(G_ij)]
 *   ∂R/∂ρ = (1/d)·(−2√(2/π) + (4/π)·Hρ),   H = G ∘ arcsin(G)   (H_ii = π/2)
 *   WG = (2/(πd))·(ρρᵀ) ∘ h′(G),   h′(g) = arcsin g + g/√(1 − g²),  diagonal 0
 *   ∇_{b_i} R = (∂R/∂ρ)_i·b̂_i + (I − b̂_i b̂_iᵀ)(2·WG·B̂)_i / ρ_i
 *
 * Step (spec): lr = 2·d/max(n, d) on R. Converged row norms ρ* = √(2/π) for r ≤ 1 and
 * √(π/2)/(r + κ) for r > 1; final R 0.681690 (r = 0.5), 0.363380 (r = 1), 0.222523 (r = 2).
 * Evaluate the returned B in float64 with `signRisk(Bᵀ, B)`.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TfHandle } from '../numerics/tf.ts';
import type { GdTrace } from './joint-gd.ts';
import { signGramTensors } from './sign-gram-tf.ts';

export interface TiedGdOptions {
  /** Number of GD steps. */
  iterations: number;
  /** Step on R. @default 2·d/max(n, d) */
  lr?: number;
  /** Record the fp32 risk every this many steps (and at the last). @default 10 */
  recordEvery?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal. @default 1e-6 */
  clip?: number;
  onProgress?: (fraction: number) => void;
}

export interface TiedGdResult {
  /** Encoder B (row norms = decoder scales), row-major n×d. */
  B: Float64Array;
  trace: GdTrace;
}

/** Run tied GD from B0 (row-major n×d; the row norms matter here). */
export async function tiedGd(handle: TfHandle, B0: Float64Array, n: number, d: number, options: TiedGdOptions): Promise<TiedGdResult> {
  const { iterations, lr = (2 * d) / Math.max(n, d), recordEvery = 10, clip = 1e-6, onProgress } = options;
  if (B0.length !== n * d) throw new RangeError(`tiedGd: B0 must have n·d = ${n * d} entries, got ${B0.length}`);
  const { tf } = handle;
  const c1 = 2 * Math.sqrt(2 / Math.PI);
  let B: Tensor = tf.tensor2d(Float32Array.from(B0), [n, d]);
  const trace: GdTrace = { t: [], risk: [] };
  const parts = (Bt: Tensor) => {
    const rho = tf.norm(Bt, 'euclidean', 1, true);
    const W = tf.div(Bt, rho);
    const g = signGramTensors(handle, W, clip);
    const H = tf.add(tf.mul(g.Gc, g.M), tf.mul(tf.sub(1, g.offMask), Math.PI / 2));
    return { rho, W, H, ...g };
  };
  for (let t = 0; t <= iterations; t++) {
    if (t % recordEvery === 0 || t === iterations) {
      const loss = tf.tidy(() => {
        const { rho, H } = parts(B);
        return tf.add(tf.mul(tf.sum(rho), -c1), tf.mul(tf.sum(tf.mul(tf.matMul(H, rho), rho)), 2 / Math.PI));
      });
      trace.t.push(t);
      trace.risk.push(1 + (await loss.data())[0]! / d);
      loss.dispose();
      onProgress?.(t / Math.max(1, iterations));
    }
    if (t === iterations) break;
    const next = tf.tidy(() => {
      const { rho, W, H, Gc, M, D, offMask } = parts(B);
      const dRho = tf.div(tf.add(tf.mul(tf.matMul(H, rho), 4 / Math.PI), -c1), d);
      const hp = tf.mul(tf.add(M, tf.mul(Gc, D)), offMask);
      const WG = tf.mul(tf.mul(tf.matMul(rho, tf.transpose(rho)), hp), 2 / (Math.PI * d));
      const v = tf.mul(tf.matMul(WG, W), 2);
      const tangent = tf.div(tf.sub(v, tf.mul(tf.sum(tf.mul(v, W), 1, true), W)), rho);
      return tf.sub(B, tf.mul(tf.add(tf.mul(dRho, W), tangent), lr));
    });
    B.dispose();
    B = next;
  }
  const out = { B: Float64Array.from(await B.data()), trace };
  B.dispose();
  return out;
}
