/**
 * P2 F6 "masked images" (spec §4 F6, corrected): rows of PCA-whitened images (covariance I on
 * the kept directions, so tr = d), cut to the top k directions, then masked entrywise,
 *
 *   xᵢ ← mᵢ xᵢ/√p,   mᵢ ~ Bernoulli(p) i.i.d.,
 *
 * which keeps E xᵢ² = 1 and gives ≈ (1 − p) exact zeros: Bernoulli–(real-image) data.
 * Columns of a PCA-whitened set are ordered by decreasing eigenvalue, so the top k are the
 * first k. Training draws fresh rows and fresh masks for every batch (G2 is online, spec §3).
 */
import type { Rng } from '../numerics/index.ts';
import { jsElementwise, type Elementwise } from '../numerics/elementwise.ts';
import type { Sampler } from './empirical-moments.ts';

/** The first k of `cols` columns of row-major X (rows × cols), as a new rows × k array. */
export function topColumns(X: Float64Array, rows: number, cols: number, k: number): Float64Array {
  if (!(Number.isInteger(k) && k >= 1 && k <= cols)) throw new RangeError(`topColumns: k must be an integer in [1, ${cols}], got ${k}`);
  if (X.length !== rows * cols) throw new RangeError(`topColumns: expected ${rows}×${cols} values, got ${X.length}`);
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) out.set(X.subarray(i * cols, i * cols + k), i * k);
  return out;
}

/**
 * A sampler of masked rows: each output row is a uniformly drawn row of X (rows × k, with
 * replacement) under a fresh Bernoulli(p) mask, rescaled by 1/√p. p = 1 returns the rows unmasked.
 * `kernels` does the gather (a compute backend's: the addon prefetches the random rows; same bits).
 */
export function maskedRowSampler(X: Float64Array, rows: number, k: number, p: number, kernels: Pick<Elementwise, 'maskRows'> = jsElementwise): Sampler {
  if (!(p > 0 && p <= 1)) throw new RangeError(`maskedRowSampler: p must be in (0, 1], got ${p}`);
  if (X.length !== rows * k || rows < 1) throw new RangeError(`maskedRowSampler: expected ${rows}×${k} values (rows ≥ 1), got ${X.length}`);
  let rowsAt = new Int32Array(0); // row offsets of the batch, reused across calls
  return (out, rng: Rng) => {
    if (out.length % k !== 0) throw new RangeError(`maskedRowSampler: output length ${out.length} is not a multiple of k = ${k}`);
    const m = out.length / k;
    if (rowsAt.length !== m) rowsAt = new Int32Array(m);
    for (let o = 0; o < m; o++) rowsAt[o] = rng.int(rows) * k;
    // The mask m/√p in bulk (Rng.fillSparse), then the drawn rows under it: branch-free (a test
    // for the mask's zeros mispredicts on a random mask), "+ 0" turning −0 back into +0.
    if (p < 1) rng.fillSparse(out, p, 'mask');
    else out.fill(1);
    kernels.maskRows(out, X, rowsAt, k);
    return out;
  };
}

/** Fraction of non-zero entries (the measured density of masked data). */
export function nonzeroFraction(X: Float64Array): number {
  let nz = 0;
  for (let i = 0; i < X.length; i++) if (X[i] !== 0) nz++;
  return nz / X.length;
}
