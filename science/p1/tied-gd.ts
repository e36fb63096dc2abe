/**
 * Weight-tied sign autoencoder x̂ = Bᵀ sign(Bx) trained by plain GD on B (P1 spec §3.2(c)),
 * isotropic Gaussian data, in fp32 on the compute layer. With ρ_i = ‖b_i‖, b̂_i = b_i/ρ_i, G = B̂B̂ᵀ:
 *
 *   R = (1/d)·[d − 2√(2/π)·Σ_i ρ_i + (2/π)·Σ_ij ρ_iρ_j G_ij arcsin(G_ij)]
 *   ∂R/∂ρ = (1/d)·(−2√(2/π) + (4/π)·Hρ),   H = G ∘ arcsin(G)   (H_ii = π/2)
 *   WG = (2/(πd))·(ρρᵀ) ∘ h′(G),   h′(g) = arcsin g + g/√(1 − g²),  diagonal 0
 *   ∇_{b_i} R = (∂R/∂ρ)_i·b̂_i + (I − b̂_i b̂_iᵀ)(2·WG·B̂)_i / ρ_i
 *
 * G, its clipped off-diagonal Gc and arcsin(Gc) come from `signGram`; g/√(1 − g²) from the fused
 * `arcsinPrimeScale`; the two n²d products (G and WG·B̂) on sgemm. fp32 arrays, fp64 sums.
 *
 * Step (spec): lr = 2·d/max(n, d) on R. Converged row norms ρ* = √(2/π) for r ≤ 1 and
 * √(π/2)/(r + κ) for r > 1; final R 0.681690 (r = 0.5), 0.363380 (r = 1), 0.222523 (r = 2).
 * Evaluate the returned B in float64 with `signRisk(Bᵀ, B)`.
 */
import type { Compute } from '../numerics/compute.ts';
import type { GdTrace } from './joint-gd.ts';
import { normalizeRowsF32, signGram } from './sign-gram.ts';

export interface TiedGdOptions {
  /** Number of GD steps. */
  iterations: number;
  /** Step on R. @default 2·d/max(n, d) */
  lr?: number;
  /** Record the fp32 risk every this many steps (and at the last). @default 10 */
  recordEvery?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal. @default 1e-6 */
  clip?: number;
  onProgress?: (fraction: number) => void;
}

export interface TiedGdResult {
  /** Encoder B (row norms = decoder scales), row-major n×d. */
  B: Float64Array;
  trace: GdTrace;
}

/** Run tied GD from B0 (row-major n×d; the row norms matter here). */
export async function tiedGd(compute: Compute, B0: Float64Array, n: number, d: number, options: TiedGdOptions): Promise<TiedGdResult> {
  const { iterations, lr = (2 * d) / Math.max(n, d), recordEvery = 10, clip = 1e-6, onProgress } = options;
  if (B0.length !== n * d) throw new RangeError(`tiedGd: B0 must have n·d = ${n * d} entries, got ${B0.length}`);
  const c1 = 2 * Math.sqrt(2 / Math.PI);
  const B = Float32Array.from(B0);
  const W = new Float32Array(n * d);
  const [G, Gc, M, WG] = Array.from({ length: 4 }, () => new Float32Array(n * n)) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const Hrho = new Float64Array(n);
  const v = new Float32Array(n * d);
  const trace: GdTrace = { t: [], risk: [] };
  for (let t = 0; t <= iterations; t++) {
    W.set(B);
    const rho = normalizeRowsF32(W, n, d); // B̂ and ρ
    signGram(compute, W, n, d, clip, G, Gc, M);
    WG.set(Gc);
    compute.arcsinPrimeScale(WG, Gc, n); // Gc/√(1 − Gc²) off the diagonal, 0 on it
    tiedWeights(Gc, M, rho, n, 2 / (Math.PI * d), WG, Hrho);
    if (t % recordEvery === 0 || t === iterations) {
      let loss = 0;
      for (let i = 0; i < n; i++) loss += -c1 * rho[i]! + (2 / Math.PI) * Hrho[i]! * rho[i]!;
      trace.t.push(t);
      trace.risk.push(1 + loss / d);
      onProgress?.(t / Math.max(1, iterations));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (t === iterations) break;
    compute.sgemm(false, false, n, d, n, 2, WG, W, 0, v); // v = 2·WG·B̂
    tiedStep(B, W, v, rho, Hrho, n, d, lr, c1);
  }
  return { B: Float64Array.from(B), trace };
}

/**
 * Hρ with H = Gc ∘ M off the diagonal, π/2 on it, and WG ← scale·(ρρᵀ) ∘ (M + WG) off the
 * diagonal, 0 on it (WG holds Gc ∘ D on entry, so M + WG = h′(Gc)). A plain function: V8
 * optimises its loops, not the async loop's.
 */
function tiedWeights(Gc: Float32Array, M: Float32Array, rho: Float64Array, n: number, scale: number, WG: Float32Array, Hrho: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * n;
    const si = scale * rho[i]!;
    let h = 0;
    for (let j = 0; j < n; j++) {
      h += Gc[o + j]! * M[o + j]! * rho[j]!; // 0 on the diagonal (Gc_ii = 0)
      WG[o + j] = si * rho[j]! * (M[o + j]! + WG[o + j]!);
    }
    WG[o + i] = 0;
    Hrho[i] = h + (Math.PI / 2) * rho[i]!;
  }
}

/** b_i ← b_i − lr·((∂R/∂ρ)_i·b̂_i + (v_i − ⟨v_i, b̂_i⟩b̂_i)/ρ_i), ∂R/∂ρ = ((4/π)·Hρ − 2√(2/π))/d, for the rows of B (n×d). */
function tiedStep(B: Float32Array, W: Float32Array, v: Float32Array, rho: Float64Array, Hrho: Float64Array, n: number, d: number, lr: number, c1: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let dot = 0;
    for (let j = 0; j < d; j++) dot += v[o + j]! * W[o + j]!;
    const dRho = ((4 / Math.PI) * Hrho[i]! - c1) / d;
    const inv = 1 / rho[i]!;
    for (let j = 0; j < d; j++) B[o + j] = B[o + j]! - lr * (dRho * W[o + j]! + (v[o + j]! - dot * W[o + j]!) * inv);
  }
}
