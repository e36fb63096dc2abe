/**
 * Online SGD of the weight-tied autoencoder x̂(x; Θ) = (1/N) Σ_i θ_i σ(⟨θ_i, x⟩) (P3 §1.2, §1.5),
 * in fp32 on plain typed arrays with the compute layer's sgemm (BLAS natively). Synchronous update with the spec's exact scaling (the factor d multiplies the
 * data force only, not the ridge term):
 *
 *   U = X Θᵀ, S = σ(U), S′ = σ′(U), E = X − S Θ/N, A = E Θᵀ,
 *   Θ ← Θ + ε d (Sᵀ E + (S′ ⊙ A)ᵀ X)/B − ε λ Θ,        t = k ε,  θ_i(0) ~ N(0, r0² I).
 *
 * The state is kept as Θᵀ (d×N, the layout of the seeded initialisation). Per step: X Θᵀ, S Θ,
 * E Θᵀ, and the update Θᵀ ← (1 − ελ)Θᵀ + (εd/B)(Eᵀ S + Xᵀ (S′⊙A)) as one gemm on the stacked
 * [E; X]ᵀ[S; S′⊙A] (inner size 2B: one pass over Θᵀ instead of two): 10·B·N·d flops, no copies.
 *
 * Observables (§1.7) every `recordEvery` steps, on a fixed test set:
 *   c_k = (1/N) Σ_i ‖P_k θ_i‖²/d_k (P_k spanned by the basis columns of group k),
 *   R = mean ‖x − x̂‖²,  g_k^net = Σ ⟨P_k x, x̂⟩ / Σ ‖P_k x‖²  (linear-response gain).
 */
import type { Compute } from '../../numerics/compute.ts';
import type { Rng } from '../../numerics/rng.ts';
import type { Activation } from '../activation.ts';
import { arrayActivation } from './array-activation.ts';
import { sampleRows, sourceDim, type DataSource } from './data-source.ts';

export interface OnlineSgdOptions {
  /** Neurons N. */
  N: number;
  /** Activation. @default 'tanh' */
  activation?: Activation;
  /** Step ε (time per step). @default 2e-3 */
  eps?: number;
  /** Minibatch B. @default 16 */
  batch?: number;
  /** Ridge λ (§1.4). @default 0 */
  lambda?: number;
  /** Initial scale r0. @default 0.01 */
  r0?: number;
  /** Number of SGD steps (T = steps·ε). */
  steps: number;
  /** Record observables every this many steps (and at step 0). @default 100 */
  recordEvery?: number;
  /** Test rows (M×d, row-major) for R and g^net. */
  test: Float32Array;
  /** Group (block index) of each basis direction (length d); c_k, g_k are per group. */
  groups: Int32Array;
  /** Orthonormal basis, d×d row-major, column j = direction j. @default the identity */
  basis?: Float32Array;
  /** Progress callback, fraction in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export interface SgdTrajectory {
  /** Times t = kε of the records. */
  t: Float64Array;
  /** c[r][k] at record r. */
  c: Float64Array[];
  /** Linear-response gains g^net[r][k]. */
  gNet: Float64Array[];
  /** Test reconstruction error R at each record. */
  R: Float64Array;
  /** Wall seconds of the SGD steps alone (no recording). */
  stepSeconds: number;
}

/**
 * Run online SGD from a seeded initialisation on a compute backend (`loadCompute`). Yields to
 * the event loop at every record, so a new CPU share (`ctx.onCpusChange`) takes effect mid-run.
 */
export async function onlineSgd(compute: Compute, src: DataSource, rng: Rng, options: OnlineSgdOptions): Promise<SgdTrajectory> {
  const { N, activation = 'tanh', eps = 2e-3, batch: B = 16, lambda = 0, r0 = 0.01, steps, recordEvery = 100, test, groups, basis, onProgress } = options;
  const d = sourceDim(src);
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`onlineSgd: N must be a positive integer, got ${N}`);
  if (groups.length !== d) throw new RangeError(`onlineSgd: groups has length ${groups.length}, expected d = ${d}`);
  if (basis && basis.length !== d * d) throw new RangeError(`onlineSgd: basis has ${basis.length} values, expected d² = ${d * d}`);
  const K = Math.max(...groups) + 1;
  const act = arrayActivation(compute, activation);
  const ThT = new Float32Array(d * N); // Θᵀ: entry (j, i) = θ_i[j]
  for (let i = 0; i < ThT.length; i++) ThT[i] = r0 * rng.normal();
  const M = test.length / d;
  const XtV = basis ? gemm(compute, false, false, M, d, d, test, basis) : test;
  const groupSize = new Float64Array(K);
  for (const k of groups) groupSize[k]! += 1;
  const xNorm = new Float64Array(K);
  for (let m = 0; m < M; m++) for (let j = 0; j < d; j++) xNorm[groups[j]!]! += XtV[m * d + j]! ** 2;

  const out: SgdTrajectory = { t: new Float64Array(Math.floor(steps / recordEvery) + 1), c: [], gNet: [], R: new Float64Array(Math.floor(steps / recordEvery) + 1), stepSeconds: 0 };
  const Ut = new Float32Array(M * N);
  const St = new Float32Array(M * N);
  const Xh = new Float32Array(M * d);
  const P = basis ? new Float32Array(d * N) : ThT;
  const record = (k: number) => {
    if (basis) compute.sgemm(true, false, d, N, d, 1, basis, ThT, 0, P); // P = VᵀΘᵀ: ⟨v_j, θ_i⟩
    const c = new Float64Array(K);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = j * N; i < (j + 1) * N; i++) s += P[i]! * P[i]!;
      c[groups[j]!]! += s;
    }
    compute.sgemm(false, false, M, N, d, 1, test, ThT, 0, Ut);
    act.forward(Ut, St);
    compute.sgemm(false, true, M, d, N, 1 / N, St, ThT, 0, Xh); // X̂ = σ(XΘᵀ)Θ/N
    let r = 0;
    for (let i = 0; i < M * d; i++) r += (test[i]! - Xh[i]!) ** 2;
    const XhV = basis ? gemm(compute, false, false, M, d, d, Xh, basis) : Xh;
    const g = new Float64Array(K);
    for (let m = 0; m < M; m++) for (let j = 0; j < d; j++) g[groups[j]!]! += XtV[m * d + j]! * XhV[m * d + j]!;
    const idx = k / recordEvery;
    out.t[idx] = k * eps;
    out.c.push(c.map((v, q) => v / (N * groupSize[q]!)));
    out.gNet.push(g.map((v, q) => v / xNorm[q]!));
    out.R[idx] = r / M;
  };

  // [E; X] (2B×d) and [S; A] (2B×N) are stacked so that the update is one product with k = 2B.
  const EX = new Float32Array(2 * B * d);
  const SA = new Float32Array(2 * B * N);
  const E = EX.subarray(0, B * d);
  const X = EX.subarray(B * d);
  const S = SA.subarray(0, B * N);
  const A = SA.subarray(B * N);
  const U = new Float32Array(B * N);
  const decay = 1 - eps * lambda;
  const force = (eps * d) / B;
  record(0);
  for (let k = 1; k <= steps; k++) {
    const t0 = performance.now();
    sampleRows(src, rng, X);
    compute.sgemm(false, false, B, N, d, 1, X, ThT, 0, U); // U = XΘᵀ
    act.forward(U, S);
    E.set(X);
    compute.sgemm(false, true, B, d, N, -1 / N, S, ThT, 1, E); // E = X − SΘ/N
    compute.sgemm(false, false, B, N, d, 1, E, ThT, 0, A); // A = EΘᵀ
    act.backward(U, S, A); // A ← σ′(U) ⊙ A
    compute.sgemm(true, false, d, N, 2 * B, force, EX, SA, decay, ThT); // Θᵀ ← (1 − ελ)Θᵀ + force·(EᵀS + Xᵀ(σ′ ⊙ A))
    out.stepSeconds += (performance.now() - t0) / 1000;
    if (k % recordEvery === 0) {
      record(k);
      onProgress?.(k / steps);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return out;
}

/** A new m×n array op(A)·op(B). */
function gemm(compute: Compute, ta: boolean, tb: boolean, m: number, n: number, k: number, A: Float32Array, B: Float32Array): Float32Array {
  const C = new Float32Array(m * n);
  compute.sgemm(ta, tb, m, n, k, 1, A, B, 0, C);
  return C;
}
