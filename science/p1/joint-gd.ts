/**
 * Joint projected GD on (A, Ŵ) for the sign autoencoder on x ~ N(0, I_d) (P1 spec §3.2(b)),
 * in fp32 on the compute layer. A (d×n) starts at 0; Ŵ (n×d) keeps unit rows. On L = d·R, with
 * M = arcsin(G) and D = arcsin′(G) off the diagonal (`signGram`):
 *
 *   L = d − 2√(2/π)·Tr(AŴ) + (2/π)·Tr(A M Aᵀ)
 *   ∇_A L = −2√(2/π)·Ŵᵀ + (4/π)·A M
 *   ∇_Ŵ L = −2√(2/π)·Aᵀ + (4/π)·((AᵀA) ∘ D)·Ŵ,  projected on each row's tangent space
 *   A ← A − η_A ∇_A L,   ŵ_i ← normalise(ŵ_i − η_B g_i)
 *
 * Both gradients are taken at the same (A, Ŵ). A is carried as Aᵀ (n×d, Ŵ's layout). Per step: four
 * products of n²d multiply-adds (G, MAᵀ, AᵀA, (AᵀA ∘ D)Ŵ) on sgemm, the n² passes and the row step
 * on the fused kernels.
 *
 * Spec steps (on R): 0.5·d/max(1, r) for A, 0.05·d for Ŵ, i.e. η_A = 0.5/max(1, r), η_B = 0.05
 * on L. Result (spec): r = 0.5 reaches 0.681690 by step 100; r = 2 gives 0.22317 (step 100),
 * 0.22251 (step 3000). Evaluate the returned (A, Ŵ) in float64 with `signRisk`.
 */
import type { Compute } from '../numerics/compute.ts';
import { normalizeRowsF32, signGram } from './sign-gram.ts';

export interface JointGdOptions {
  /** Number of GD steps. */
  iterations: number;
  /** Step on L for A. @default 0.5/max(1, n/d) */
  etaA?: number;
  /** Step on L for Ŵ. @default 0.05 */
  etaB?: number;
  /** Record the fp32 risk every this many steps (and at the last). @default 10 */
  recordEvery?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal. @default 1e-6 */
  clip?: number;
  onProgress?: (fraction: number) => void;
}

export interface GdTrace {
  /** Steps at which the risk was recorded (0 first). */
  t: number[];
  /** fp32 risk R(A, Ŵ) (joint) or R of the tied model at those steps. */
  risk: number[];
}

export interface JointGdResult {
  /** Decoder A, row-major d×n. */
  A: Float64Array;
  /** Unit rows Ŵ, row-major n×d. */
  W: Float64Array;
  trace: GdTrace;
}

/** Run joint projected GD from the rows `W0` (row-major n×d, normalised here) and A = 0. */
export async function jointGd(compute: Compute, W0: Float64Array, n: number, d: number, options: JointGdOptions): Promise<JointGdResult> {
  const { iterations, etaA = 0.5 / Math.max(1, n / d), etaB = 0.05, recordEvery = 10, clip = 1e-6, onProgress } = options;
  if (W0.length !== n * d) throw new RangeError(`jointGd: W0 must have n·d = ${n * d} entries, got ${W0.length}`);
  const c1 = 2 * Math.sqrt(2 / Math.PI);
  const W = Float32Array.from(W0);
  normalizeRowsF32(W, n, d);
  const At = new Float32Array(n * d); // Aᵀ, in Ŵ's layout: every pass below is row-major and contiguous
  const [G, Gc, M, P] = Array.from({ length: 4 }, () => new Float32Array(n * n)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const MAt = new Float32Array(n * d);
  const g = new Float32Array(n * d);
  const ones = new Float32Array(d).fill(1);
  const scratch = new Float32Array(n * d);
  const trace: GdTrace = { t: [], risk: [] };
  for (let t = 0; t <= iterations; t++) {
    signGram(compute, W, n, d, clip, G, Gc, M);
    compute.sgemm(false, false, n, d, n, 1, M, At, 0, MAt); // M·Aᵀ = (AM)ᵀ
    if (t % recordEvery === 0 || t === iterations) {
      // L − d = −2√(2/π)·Tr(AŴ) + (2/π)·Tr(AMAᵀ) = Σ_ij (−2√(2/π)·Ŵ_ij + (2/π)·(MAᵀ)_ij)·Aᵀ_ij
      let cross = 0;
      let quad = 0;
      for (let k = 0; k < n * d; k++) {
        cross += At[k]! * W[k]!;
        quad += MAt[k]! * At[k]!;
      }
      trace.t.push(t);
      trace.risk.push(1 + (-c1 * cross + (2 / Math.PI) * quad) / d);
      onProgress?.(t / Math.max(1, iterations));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (t === iterations) break;
    compute.sgemm(false, true, n, n, d, 1, At, At, 0, P); // AᵀA
    compute.arcsinPrimeScale(P, Gc, n); // AᵀA ∘ D
    g.set(At);
    compute.sgemm(false, false, n, d, n, -4 / Math.PI, P, W, c1, g); // g = −∇_Ŵ L = 2√(2/π)·Aᵀ − (4/π)(AᵀA ∘ D)Ŵ
    // Aᵀ ← Aᵀ − η_A·(∇_A L)ᵀ = Aᵀ − η_A·(−2√(2/π)·Ŵ + (4/π)·MAᵀ), at the Ŵ of this step
    for (let k = 0; k < n * d; k++) At[k] = At[k]! - etaA * (-c1 * W[k]! + (4 / Math.PI) * MAt[k]!);
    compute.sphereStep(W, g, ones, scratch, n, d, etaB); // ŵ ← normalise(ŵ + η_B(g − ⟨g, ŵ⟩ŵ))
  }
  const A = new Float64Array(d * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) A[j * n + i] = At[i * d + j]!;
  return { A, W: Float64Array.from(W), trace };
}
