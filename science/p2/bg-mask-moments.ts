/**
 * Exact mask-conditional moments of z = sign(Bx) for Bernoulli–Gaussian data
 * (P2 spec §2.1). Given the mask s, x | s ~ N(0, D_s/p). With Σ_s = B D_s Bᵀ/p and
 * ρᵢ = √(Σ_s)ᵢᵢ:
 *
 *   E[z xᵀ | s] = √(2/π) diag(1/ρ) B D_s / p
 *   E[z zᵀ | s] = (2/π) arcsin(diag(1/ρ) Σ_s diag(1/ρ)),
 *
 * and a row with ρᵢ = 0 is a fair coin (zero row in the first moment, E[zᵢzⱼ|s] = δᵢⱼ).
 * Averaging over M random masks gives C̄_xz, C̄_zz for `optimalLinearRisk`: the Gaussian
 * part of the data is integrated exactly, only the mask is sampled.
 */
import type { Rng } from '../numerics/index.ts';
import type { EncoderMoments } from './optimal-linear-decoder.ts';

export interface BgMaskMomentsOptions {
  /** Number of sampled masks M. @default 256 */
  masks?: number;
}

/** C̄_xz (d×n) and C̄_zz (n×n) for row-major B (n×d), BG density p. */
export function bgMaskMoments(B: Float64Array, n: number, d: number, p: number, rng: Rng, options: BgMaskMomentsOptions = {}): EncoderMoments {
  const { masks = 256 } = options;
  if (B.length !== n * d) throw new RangeError(`bgMaskMoments: expected ${n}×${d} values, got ${B.length}`);
  const Cxz = new Float64Array(d * n);
  const Czz = new Float64Array(n * n);
  const s = new Uint8Array(d);
  const rho = new Float64Array(n);
  const S = new Float64Array(n * n);
  const c1 = Math.sqrt(2 / Math.PI) / p;
  for (let m = 0; m < masks; m++) {
    for (let j = 0; j < d; j++) s[j] = rng.uniform() < p ? 1 : 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k <= i; k++) {
        let v = 0;
        for (let j = 0; j < d; j++) if (s[j]) v += B[i * d + j]! * B[k * d + j]!;
        S[i * n + k] = v / p;
        S[k * n + i] = v / p;
      }
      rho[i] = Math.sqrt(S[i * n + i]!);
    }
    for (let i = 0; i < n; i++) {
      const ri = rho[i]!;
      for (let k = 0; k < n; k++) {
        const rk = rho[k]!;
        let v: number;
        if (i === k) v = 1;
        else if (ri === 0 || rk === 0) v = 0;
        else v = (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, S[i * n + k]! / (ri * rk))));
        Czz[i * n + k]! += v;
      }
      if (ri === 0) continue;
      for (let j = 0; j < d; j++) if (s[j]) Cxz[j * n + i]! += (c1 * B[i * d + j]!) / ri;
    }
  }
  for (let k = 0; k < Cxz.length; k++) Cxz[k]! /= masks;
  for (let k = 0; k < Czz.length; k++) Czz[k]! /= masks;
  return { Cxz, Czz, d, n };
}
