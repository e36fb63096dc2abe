/**
 * The data both E5 training stages read (P1 spec §4B E5): whitened MNIST from
 * `data-mnist[prep=pca]` (x ← Λ^{-1/2}Vᵀx), cut to its top `p1.e5.pcs` components,
 * and the code size n = r·k for the instance's rate.
 */
import type { StageContext } from '../../engine/stage.ts';

/** The first `k` columns (and at most `maxRows` rows) of a row-major N×d array. */
function leading(X: Float64Array, d: number, k: number, maxRows: number): Float64Array {
  const N = Math.min(X.length / d, maxRows > 0 ? maxRows : Infinity);
  const out = new Float64Array(N * k);
  for (let i = 0; i < N; i++) out.set(X.subarray(i * d, i * d + k), i * k);
  return out;
}

export interface E5Data {
  r: number;
  /** Components kept (the dimension the autoencoder sees). */
  k: number;
  /** Code size. */
  n: number;
  Xtr: Float64Array;
  Xte: Float64Array;
}

export function readE5Data(ctx: StageContext): E5Data {
  const r = ctx.instance.r as number;
  const up = ctx.input('data-mnist', { prep: 'pca' });
  const meta = up.json<{ d: number }>('meta.json');
  /** p1.e5.pcs: whitened principal components kept (spec: 784 all, or top 200). */
  const k = Math.min(ctx.params.p1.e5.pcs as number, meta.d);
  /** p1.e5.maxTrain: cap on training rows (0 = all). */
  const Xtr = leading(up.f64('train.f64'), meta.d, k, ctx.params.p1.e5.maxTrain);
  const Xte = leading(up.f64('test.f64'), meta.d, k, 0);
  return { r, k, n: Math.max(1, Math.round(r * k)), Xtr, Xte };
}
