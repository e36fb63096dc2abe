/**
 * Where SGD minibatches come from (P3 §1.1, §5.1 item 5). Both produce rows of x (B×d,
 * row-major Float32Array) from the seeded `Rng`, so a run depends only on its seed.
 *
 * - `gaussian`: x_i = std_i · g_i, g ~ N(0, I): a diagonal covariance (WLOG by rotation
 *   equivariance, §1.1). For Σ = Σ λ_k P_k and x = z/√d, std_i = √(λ_{k(i)}/d).
 * - `empirical`: rows drawn uniformly with replacement from n given rows (already scaled).
 */
import type { Rng } from '../../numerics/rng.ts';

export type DataSource =
  | { readonly kind: 'gaussian'; readonly std: Float64Array }
  | { readonly kind: 'empirical'; readonly rows: Float32Array; readonly n: number };

/** Dimension d of the rows a source produces. */
export function sourceDim(src: DataSource): number {
  return src.kind === 'gaussian' ? src.std.length : src.rows.length / src.n;
}

/** Fill `out` (B×d row-major) with B fresh rows. */
export function sampleRows(src: DataSource, rng: Rng, out: Float32Array): Float32Array {
  const d = sourceDim(src);
  const B = out.length / d;
  if (src.kind === 'gaussian') {
    // std_i times the `Rng.normal` stream (in the addon when it is loaded).
    rng.fillGaussianRows(out, src.std);
  } else {
    for (let b = 0; b < B; b++) {
      const r = rng.int(src.n);
      out.set(src.rows.subarray(r * d, (r + 1) * d), b * d);
    }
  }
  return out;
}
