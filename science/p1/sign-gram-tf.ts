/**
 * The Gram-dependent tensors shared by the population-GD variants of P1 spec §3.2 (b) and (c),
 * in tfjs fp32, for unit rows Ŵ (n×d):
 *
 *   G = ŴŴᵀ,  Gc = G off the diagonal clipped to |G_ij| ≤ 1 − clip (0 on it),
 *   M = arcsin(Gc) + (π/2)·I          (the diagonal exactly π/2: arcsin′ diverges at 1),
 *   D_ij = 1/√(1 − Gc_ij²) off the diagonal, 0 on it   (arcsin′, spec §3.2(a))
 *
 * Call inside `tf.tidy`. Transposes are explicit (the wasm matMul with transposeB is slow).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TfHandle } from '../numerics/tf.ts';

export interface SignGramTensors {
  G: Tensor;
  Gc: Tensor;
  M: Tensor;
  D: Tensor;
  /** 1 off the diagonal, 0 on it. */
  offMask: Tensor;
}

/** G, clipped G, arcsin(G) and arcsin′(G) for unit rows W (n×d). */
export function signGramTensors(handle: TfHandle, W: Tensor, clip = 1e-6): SignGramTensors {
  const { tf } = handle;
  const n = W.shape[0]!;
  const eye = tf.eye(n);
  const offMask = tf.sub(1, eye);
  const G = tf.matMul(W, tf.transpose(W));
  const Gc = tf.clipByValue(tf.mul(G, offMask), -1 + clip, 1 - clip);
  const GcOff = tf.mul(Gc, offMask);
  const M = tf.add(tf.mul(tf.asin(GcOff), offMask), tf.mul(eye, Math.PI / 2));
  const D = tf.mul(tf.rsqrt(tf.sub(1, tf.square(GcOff))), offMask);
  return { G, Gc: GcOff, M, D, offMask };
}
