/**
 * Monte Carlo moments C_xz = E[x zᵀ], C_zz = E[z zᵀ] of an encoder z = sign(Bx)
 * on fresh samples (P2 spec §3 "Evaluation": freeze B, 60k–100k samples), for
 * `optimalLinearRisk`. B·X and the moment products run on the compute layer's sgemm (fp32
 * products of chunks, accumulated in float64); sign(0) follows the chosen convention (the
 * coin flip matters for identity encoders on sparse data). The finite-sample bias
 * of R* is about +n/N relative.
 */
import { loadCompute, type Compute } from '../numerics/compute.ts';
import type { Rng } from '../numerics/rng.ts';
import type { EncoderMoments } from './optimal-linear-decoder.ts';
import { signEncodeInto, type SignZeroRule } from './sign-encode.ts';

export interface EmpiricalMomentsOptions {
  /** Total samples N. @default 60000 */
  samples?: number;
  /** Samples per chunk. @default 5000 */
  chunk?: number;
  /** sign(0) convention. @default 'coin' */
  signZero?: SignZeroRule;
  /** The compute backend. @default `loadCompute()` */
  compute?: Compute;
}

/** `sample(out, rng)` fills `out` (rows×d, row-major) with data. */
export type Sampler = (out: Float64Array, rng: Rng) => Float64Array;

/** Moments of sign(Bx) for row-major B (n×d) and data from `sample`. */
export async function empiricalMoments(B: Float64Array, n: number, d: number, sample: Sampler, rng: Rng, options: EmpiricalMomentsOptions = {}): Promise<EncoderMoments> {
  const { samples = 60000, chunk = 5000, signZero = 'coin' } = options;
  const compute = options.compute ?? (await loadCompute());
  const Bf = Float32Array.from(B);
  const Cxz = new Float64Array(d * n);
  const Czz = new Float64Array(n * n);
  const xz = new Float32Array(d * n);
  const zz = new Float32Array(n * n);
  // Chunk buffers allocated once (fresh arrays per chunk cost more in page faults than the sampling).
  const cap = Math.min(chunk, samples);
  const xBuf = new Float64Array(cap * d);
  const XBuf = new Float32Array(cap * d);
  const UBuf = new Float32Array(cap * n);
  const ZBuf = new Float32Array(cap * n);
  let m2 = 0;
  for (let done = 0; done < samples; done += chunk) {
    const N = Math.min(chunk, samples - done);
    const x = sample(N === cap ? xBuf : xBuf.subarray(0, N * d), rng);
    for (let k = 0; k < x.length; k++) m2 += x[k]! ** 2;
    const X = N === cap ? XBuf : XBuf.subarray(0, N * d);
    X.set(x);
    const U = N === cap ? UBuf : UBuf.subarray(0, N * n);
    compute.sgemm(false, true, N, n, d, 1, X, Bf, 0, U); // rows Bxᵢ
    const Z = N === cap ? ZBuf : ZBuf.subarray(0, N * n);
    signEncodeInto(U, Z, signZero, rng);
    compute.sgemm(true, false, d, n, N, 1, X, Z, 0, xz); // XᵀZ
    compute.sgemm(true, false, n, n, N, 1, Z, Z, 0, zz); // ZᵀZ
    for (let k = 0; k < Cxz.length; k++) Cxz[k]! += xz[k]!;
    for (let k = 0; k < Czz.length; k++) Czz[k]! += zz[k]!;
  }
  for (let k = 0; k < Cxz.length; k++) Cxz[k]! /= samples;
  for (let k = 0; k < Czz.length; k++) Czz[k]! /= samples;
  return { Cxz, Czz, d, n, secondMoment: m2 / (samples * d) };
}
