/**
 * Monte Carlo moments C_xz = E[x zᵀ], C_zz = E[z zᵀ] of an encoder z = sign(Bx)
 * on fresh samples (P2 spec §3 "Evaluation": freeze B, 60k–100k samples), for
 * `optimalLinearRisk`. B·X and the moment products run in tfjs (fp32 products of
 * chunks, accumulated in float64); sign(0) follows the chosen convention (the
 * coin flip matters for identity encoders on sparse data). The finite-sample bias
 * of R* is about +n/N relative.
 */
import { initTf, type Rng } from '../numerics/index.ts';
import type { EncoderMoments } from './optimal-linear-decoder.ts';
import { signEncode, type SignZeroRule } from './sign-encode.ts';

export interface EmpiricalMomentsOptions {
  /** Total samples N. @default 60000 */
  samples?: number;
  /** Samples per chunk. @default 5000 */
  chunk?: number;
  /** sign(0) convention. @default 'coin' */
  signZero?: SignZeroRule;
}

/** `sample(out, rng)` fills `out` (rows×d, row-major) with data. */
export type Sampler = (out: Float64Array, rng: Rng) => Float64Array;

/** Moments of sign(Bx) for row-major B (n×d) and data from `sample`. */
export async function empiricalMoments(B: Float64Array, n: number, d: number, sample: Sampler, rng: Rng, options: EmpiricalMomentsOptions = {}): Promise<EncoderMoments> {
  const { samples = 60000, chunk = 5000, signZero = 'coin' } = options;
  const { tf } = await initTf();
  const Bt = tf.tidy(() => tf.transpose(tf.tensor2d(Float32Array.from(B), [n, d])));
  const Cxz = new Float64Array(d * n);
  const Czz = new Float64Array(n * n);
  let m2 = 0;
  try {
    for (let done = 0; done < samples; done += chunk) {
      const N = Math.min(chunk, samples - done);
      const x = sample(new Float64Array(N * d), rng);
      for (let k = 0; k < x.length; k++) m2 += x[k]! ** 2;
      const X = tf.tensor2d(Float32Array.from(x), [N, d]);
      const U = tf.matMul(X, Bt);
      const z = signEncode(Float64Array.from(U.dataSync()), { signZero, rng });
      U.dispose();
      // Xᵀ and Zᵀ are built in JS: on the wasm backend a matMul contracting over the
      // batch axis (transposeA) is several times slower than a plain one (measured).
      const xt = new Float32Array(N * d);
      const zt = new Float32Array(N * n);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < d; j++) xt[j * N + i] = x[i * d + j]!;
        for (let j = 0; j < n; j++) zt[j * N + i] = z[i * n + j]!;
      }
      const Z = tf.tensor2d(Float32Array.from(z), [N, n]);
      const [xz, zz] = tf.tidy(() => [tf.matMul(tf.tensor2d(xt, [d, N]), Z), tf.matMul(tf.tensor2d(zt, [n, N]), Z)]);
      const xzd = xz!.dataSync();
      const zzd = zz!.dataSync();
      for (let k = 0; k < Cxz.length; k++) Cxz[k]! += xzd[k]!;
      for (let k = 0; k < Czz.length; k++) Czz[k]! += zzd[k]!;
      tf.dispose([X, Z, xz!, zz!]);
    }
  } finally {
    Bt.dispose();
  }
  for (let k = 0; k < Cxz.length; k++) Cxz[k]! /= samples;
  for (let k = 0; k < Czz.length; k++) Czz[k]! /= samples;
  return { Cxz, Czz, d, n, secondMoment: m2 / (samples * d) };
}
