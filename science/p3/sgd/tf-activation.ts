/**
 * σ(U) and σ′(U) elementwise in tfjs, for the SGD of P3 §1.5.
 *
 * tanh is computed as 2·sigmoid(2u) − 1 with σ′ = 4s(1 − s), s = sigmoid(2u): on the wasm
 * backend the native Tanh kernel is ~10× slower than Sigmoid (8.7 ms vs 0.6 ms on 256×2000,
 * measured here), which alone would halve the SGD throughput.
 * erf(√π u/2) has σ′ = exp(−πu²/4); ReLU σ′ = step(u); linear σ′ = 1 (returned as null:
 * the caller then uses A itself instead of σ′ ⊙ A).
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { Activation } from '../activation.ts';

export type TfActivation = (U: TF.Tensor2D) => { S: TF.Tensor; dS: TF.Tensor | null };

export function tfActivation(tf: typeof TF, act: Activation): TfActivation {
  switch (act) {
    case 'tanh':
      return (U) => {
        const s = tf.sigmoid(tf.mul(U, 2));
        return { S: tf.sub(tf.mul(s, 2), 1), dS: tf.mul(tf.mul(s, tf.sub(1, s)), 4) };
      };
    case 'erf':
      return (U) => ({ S: tf.erf(tf.mul(U, Math.sqrt(Math.PI) / 2)), dS: tf.exp(tf.mul(tf.square(U), -Math.PI / 4)) });
    case 'relu':
      return (U) => ({ S: tf.relu(U), dS: tf.step(U) });
    case 'linear':
      return (U) => ({ S: U, dS: null });
  }
}
