/**
 * Whitening maps built from the eigendecomposition Σ̂ = V Λ Vᵀ of a centred covariance (P1 E5,
 * P2 F6). Each returns W (row-major d × k) so that a centred row x becomes xᵀW, together with the
 * exact eigendecomposition of the whitened covariance WᵀΣ̂W (so no second n·d² pass is needed).
 *
 * - PCA: W = V_k Λ_k^{-1/2} over the k directions with λ ≥ relTol·λ_max (P1 E5: relTol = 1e-6,
 *   which drops MNIST's constant border pixels). WᵀΣ̂W = I_k.
 * - ZCA: W = V (Λ + ε)^{-1/2} Vᵀ (symmetric, stays in pixel space; P2 F6: ε = 1e-2).
 *   WᵀΣ̂W = V Λ(Λ + ε)^{-1} Vᵀ, eigenvalues λ/(λ + ε) (still descending: monotone in λ).
 */
import type { FlatEig } from '../numerics/sym-eig-flat.ts';

export interface Whitener {
  /** d × k, row-major. */
  readonly W: Float64Array;
  /** Output dimension k. */
  readonly k: number;
  /** Eigendecomposition of WᵀΣ̂W (values descending; vectors k × k row-major, columns). */
  readonly out: FlatEig;
}

export interface PcaWhitenOptions {
  /** Keep directions with λ ≥ relTol·λ_max. @default 1e-6 */
  relTol?: number;
}

export function pcaWhitener(eig: FlatEig, options: PcaWhitenOptions = {}): Whitener {
  const { relTol = 1e-6 } = options;
  if (!(relTol > 0 && relTol < 1)) throw new RangeError(`pcaWhitener: relTol must be in (0, 1), got ${relTol}`);
  const d = eig.values.length;
  const lmax = eig.values[0]!;
  if (!(lmax > 0)) throw new RangeError(`pcaWhitener: the covariance is zero (λ_max = ${lmax})`);
  let k = 0;
  while (k < d && eig.values[k]! >= relTol * lmax) k++;
  const W = new Float64Array(d * k);
  for (let c = 0; c < k; c++) {
    const s = 1 / Math.sqrt(eig.values[c]!);
    for (let i = 0; i < d; i++) W[i * k + c] = eig.vectors[i * d + c]! * s;
  }
  const I = new Float64Array(k * k);
  for (let c = 0; c < k; c++) I[c * k + c] = 1;
  return { W, k, out: { values: new Float64Array(k).fill(1), vectors: I } };
}

export interface ZcaWhitenOptions {
  /** Regulariser ε added to every eigenvalue. @default 1e-2 */
  eps?: number;
}

export function zcaWhitener(eig: FlatEig, options: ZcaWhitenOptions = {}): Whitener {
  const { eps = 1e-2 } = options;
  if (!(eps >= 0)) throw new RangeError(`zcaWhitener: eps must be ≥ 0, got ${eps}`);
  const d = eig.values.length;
  const V = eig.vectors;
  const s = Float64Array.from(eig.values, (l) => 1 / Math.sqrt(Math.max(l, 0) + eps));
  if (!s.every(Number.isFinite)) throw new RangeError('zcaWhitener: a zero eigenvalue with eps = 0; use eps > 0');
  // W = V diag(s) Vᵀ: scale V's columns, then multiply by Vᵀ.
  const VS = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let c = 0; c < d; c++) VS[i * d + c] = V[i * d + c]! * s[c]!;
  // W_ij = Σ_c VS_ic V_jc: a dot of two contiguous rows; W is symmetric, so fill both halves.
  const W = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let acc = 0;
      for (let c = 0; c < d; c++) acc += VS[i * d + c]! * V[j * d + c]!;
      W[i * d + j] = acc;
      W[j * d + i] = acc;
    }
  }
  const values = Float64Array.from(eig.values, (l) => Math.max(l, 0) / (Math.max(l, 0) + eps));
  return { W, k: d, out: { values, vectors: V } };
}
