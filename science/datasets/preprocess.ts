/**
 * The named preprocessing variants of the dataset stages (README.md in this folder is the
 * contract; P1 E5, P2 F6, P3 R6). Every variant:
 *
 *   1. scales pixels to [0, 1] (÷ max of the format);
 *   2. centres by the training mean μ (test rows get the same μ);
 *   3. eigendecomposes the population covariance Σ̂ = (1/n) Σ (x − μ)(x − μ)ᵀ of the training rows;
 *
 * then applies a linear map W to every centred row:
 *
 *   raw       x ← c·x,                       c² = d / tr Σ̂          (tr Σ̂_out = d; P3 R6, P1 E5 b)
 *   pca       x ← Λ_k^{-1/2} V_kᵀ x,          λ ≥ relTol·λ_max kept  (Σ̂_out = I_k; P1 E5 a)
 *   zca       x ← c·V(Λ + ε)^{-1/2}Vᵀ x,     c so tr Σ̂_out = d      (P2 F6)
 *   zca-mask  zca, then x_i ← m_i x_i/√p,    m_i ~ Bernoulli(p)     (P2 F6 masked images)
 *
 * Since μ is the training mean, the output training rows have mean zero and Σ̂_out = WᵀΣ̂W
 * exactly; its eigendecomposition follows from Σ̂'s (c²λ with V for raw, 1 for pca, c²λ/(λ+ε)
 * with V for zca). Only the masked variant, whose covariance is random, is eigendecomposed again
 * (as the second moment XᵀX/n of its training rows).
 */
import { covariance } from '../numerics/covariance.ts';
import { multiplyRows, vecTimesMatrix } from '../numerics/multiply-rows.ts';
import type { Rng } from '../numerics/rng.ts';
import { symEigFlat } from '../numerics/sym-eig-flat.ts';
import { bernoulliMask } from './bernoulli-mask.ts';
import type { ImageSet } from './image-set.ts';
import { pcaWhitener, zcaWhitener } from './whiten.ts';

export const PREPS = ['raw', 'pca', 'zca', 'zca-mask'] as const;
export type Prep = (typeof PREPS)[number];

export interface PreprocessOptions {
  /** Which variant (table above). */
  prep: Prep;
  /** PCA: keep λ ≥ relTol·λ_max; also defines `kept` for every variant. @default 1e-6 */
  relTol?: number;
  /** ZCA regulariser ε, on the [0, 1]-scaled covariance. @default 1e-2 */
  eps?: number;
  /** Mask keep-probability (zca-mask only). */
  p?: number;
  /** Draws the mask (zca-mask only). */
  rng?: Rng;
  /** `nonzero` counts output eigenvalues above nonzeroTol·λ_max. @default 1e-10 */
  nonzeroTol?: number;
}

export interface Preprocessed {
  /** n_train × d row-major. */
  readonly train: Float64Array;
  /** n_test × d row-major. */
  readonly test: Float64Array;
  /** Output dimension (kept for pca, else the pixel count). */
  readonly d: number;
  /** Eigenvalues of the output training covariance, descending. */
  readonly spectrum: Float64Array;
  /** Its eigenvectors, d × d row-major, column j for spectrum[j]. */
  readonly eigvecs: Float64Array;
  /** Training mean in the [0, 1] scale (length d_in). */
  readonly mean: Float64Array;
  /** Directions of Σ̂ with λ ≥ relTol·λ_max. */
  readonly kept: number;
  /** Output eigenvalues above nonzeroTol·λ_max. */
  readonly nonzero: number;
  /** tr of the output training covariance. */
  readonly trace: number;
  /** The final rescale factor c (1 for pca). */
  readonly scale: number;
  /** The steps applied, in words (for meta.json and figure footnotes). */
  readonly steps: string[];
}

export function preprocess(train: ImageSet, test: ImageSet | null, options: PreprocessOptions): Preprocessed {
  const { prep, relTol = 1e-6, eps = 1e-2, p, rng, nonzeroTol = 1e-10 } = options;
  if (!PREPS.includes(prep)) throw new RangeError(`preprocess: prep must be one of ${PREPS.join(', ')}, got ${String(prep)}`);
  if (prep === 'zca-mask' && (p === undefined || !rng)) throw new RangeError('preprocess: zca-mask needs p and rng');
  if (test && test.d !== train.d) throw new RangeError(`preprocess: test d = ${test.d} differs from train d = ${train.d}`);
  const din = train.d;
  const nte = test?.n ?? 0;
  const Xtr = scaled(train.pixels, 1 / train.max);
  const Xte = test ? scaled(test.pixels, 1 / test.max) : new Float64Array(0);
  const mean = new Float64Array(din);
  for (let i = 0; i < train.n; i++) for (let j = 0; j < din; j++) mean[j]! += Xtr[i * din + j]!;
  for (let j = 0; j < din; j++) mean[j]! /= train.n;
  const eig = symEigFlat(covariance(Xtr, train.n, din, { mean }), din);
  const lmax = eig.values[0]!;
  const kept = eig.values.filter((l) => l >= relTol * lmax).length;
  const steps = [`scale pixels to [0, 1] (÷ ${train.max})`, `centre by the training mean (n_train = ${train.n})`];

  let out: { train: Float64Array; test: Float64Array; d: number; spectrum: Float64Array; eigvecs: Float64Array; scale: number };
  if (prep === 'raw') {
    const tr = eig.values.reduce((a, l) => a + l, 0);
    const c = Math.sqrt(din / tr);
    const centre = (X: Float64Array) => {
      const Y = new Float64Array(X.length);
      for (let i = 0; i < X.length; i += din) for (let j = 0; j < din; j++) Y[i + j] = (X[i + j]! - mean[j]!) * c;
      return Y;
    };
    out = { train: centre(Xtr), test: centre(Xte), d: din, spectrum: eig.values.map((l) => c * c * l), eigvecs: eig.vectors, scale: c };
    steps.push(`rescale by c = ${c.toPrecision(6)} so that tr Σ̂ = d = ${din} (Σ̂ = XᵀX/n)`);
  } else if (prep === 'pca') {
    const wh = pcaWhitener(eig, { relTol });
    const shift = vecTimesMatrix(mean, wh.W, wh.k);
    out = {
      train: multiplyRows(Xtr, train.n, din, wh.W, wh.k, { shift }),
      test: multiplyRows(Xte, nte, din, wh.W, wh.k, { shift }),
      d: wh.k,
      spectrum: wh.out.values,
      eigvecs: wh.out.vectors,
      scale: 1,
    };
    steps.push(`PCA-whiten: x ← Λ^{-1/2}Vᵀx on the ${wh.k} of ${din} directions with λ ≥ ${relTol}·λ_max`);
  } else {
    const wh = zcaWhitener(eig, { eps });
    const shift = vecTimesMatrix(mean, wh.W, wh.k);
    const tr = wh.out.values.reduce((a, l) => a + l, 0);
    const c = Math.sqrt(din / tr);
    const apply = (X: Float64Array, n: number) => scaled(multiplyRows(X, n, din, wh.W, din, { shift }), c, true);
    out = { train: apply(Xtr, train.n), test: apply(Xte, nte), d: din, spectrum: wh.out.values.map((l) => c * c * l), eigvecs: wh.out.vectors, scale: c };
    steps.push(`ZCA-whiten: x ← V(Λ + ε)^{-1/2}Vᵀx with ε = ${eps}`, `rescale by c = ${c.toPrecision(6)} so that tr Σ̂ = d = ${din}`);
    if (prep === 'zca-mask') {
      const mtr = bernoulliMask(out.train, p!, rng!);
      const mte = bernoulliMask(out.test, p!, rng!);
      const me = symEigFlat(covariance(mtr, train.n, din, { mean: new Float64Array(din) }), din);
      out = { ...out, train: mtr, test: mte, spectrum: me.values, eigvecs: me.vectors };
      steps.push(`mask: x_i ← m_i x_i/√p, m_i ~ Bernoulli(${p}) i.i.d. (train then test); spectrum of XᵀX/n`);
    }
  }
  const smax = out.spectrum[0]!;
  const nonzero = out.spectrum.filter((l) => l > nonzeroTol * smax).length;
  const trace = out.spectrum.reduce((a, l) => a + l, 0);
  return { ...out, mean, kept, nonzero, trace, steps };
}

/** x·s element-wise (a plain loop: TypedArray.from with a map callback is ~30× slower in V8). */
function scaled(X: Float64Array, s: number, inPlace = false): Float64Array {
  const Y = inPlace ? X : new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) Y[i] = X[i]! * s;
  return Y;
}
