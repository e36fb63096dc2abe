/**
 * Projected gradient descent on R*(B) with the optimal decoder recomputed every step
 * (P1 spec §3.2(a)), in fp32 on the compute layer. Also runs on x ~ N(0, Σ) for diagonal Σ (spec §2.3, E4),
 * through the effective unit-row encoder Ŵ = normalise(B Σ^{1/2}).
 *
 * Loss L = d·R* = Tr Σ − Tr(Ŵᵀ M⁻¹ Ŵ Σ), M = arcsin(G), G = ŴŴᵀ. With S = Σ^{1/2},
 * Y = M⁻¹ Ŵ S, P = Y Yᵀ = M⁻¹ŴΣŴᵀM⁻¹ and D_ij = 1/√(1 − G_ij²) off the diagonal (0 on it):
 *
 *   ∇_Ŵ L = −2·(Y S − (D ∘ P) Ŵ)        (Σ = I: −2·(M⁻¹ − D∘(M⁻¹GM⁻¹))·Ŵ, the spec's form)
 *
 * Each row's gradient is projected on the tangent space of the sphere, then
 * ŵ_i ← normalise(ŵ_i − η g_i). Step η = 0.05 on L (spec §6.6). fp32 on plain typed arrays:
 * products on the compute layer's sgemm (BLAS natively), arcsin on its vectorised kernel, the n² passes
 * (clip, arcsin′ scaling, residual max) and the row steps on its fused kernels.
 *
 * Y = M⁻¹ŴS is carried along without factorising M in the loop (the fp32 layer has no solver):
 * one preconditioned Richardson step per GD step, Y ← Y + X(ŴS − MY), warm-started from
 * the previous Y, with X ≈ M⁻¹ refreshed by a Newton–Schulz step X ← X(2I − MX) every
 * `refreshEvery` steps. M moves by O(η) per step, so ‖I − XM‖ stays small and the error in
 * Y is that residual times the per-step drift; X is also refreshed whenever the residual
 * before a step exceeds `refreshTol` (needed in the fast early phase). Per step this costs 5 n²d multiply-adds
 * (G, MY, X·residual, YYᵀ, (D∘P)Ŵ) instead of the n³ of an inverse. The initial M⁻¹ is
 * computed in float64. The diagonal of M is set to exactly π/2
 * (arcsin′ diverges at 1, and in fp32 G_ii = 1 − 6e-8 would cost 3e-4).
 * The risks recorded along the way are fp32; evaluate the returned Ŵ with `optimalRisk`
 * (float64) for final values.
 */
import type { Compute } from '../numerics/compute.ts';
import { Matrix, solveSpd, toMatrix } from '../numerics/linalg.ts';
import { normalizeRowsF32, signGram } from './sign-gram.ts';
import { arcsinGram } from './sign-risk.ts';

export interface ProjectedGdOptions {
  /** Number of GD steps. */
  iterations: number;
  /** Step size on the unnormalised loss L = d·R*. @default 0.05 */
  eta?: number;
  /** Eigenvalues of a diagonal Σ (length d). @default isotropic (all 1) */
  sigma?: Float64Array;
  /** Record the fp32 risk every this many steps (and at the last step). @default 10 */
  recordEvery?: number;
  /** Refresh the preconditioner X ≈ M⁻¹ by one Newton–Schulz step every this many steps. @default 10 */
  refreshEvery?: number;
  /**
   * Also refresh whenever max |ŴS − MY| before the Richardson step exceeds this: early steps
   * (large gradients, fast-moving M) would otherwise let a stale X diverge. @default 1e-4
   */
  refreshTol?: number;
  /** Clip |G_ij| ≤ 1 − clip off the diagonal (fp32 needs more room than float64). @default 1e-6 */
  clip?: number;
  /** Called with the fraction done, every `recordEvery` steps. */
  onProgress?: (fraction: number) => void;
}

export interface ProjectedGdTrace {
  /** Steps at which the risk was recorded (0 first). */
  t: number[];
  /** fp32 risk R* = L/d at those steps. */
  risk: number[];
  /** RMS of the off-diagonal Gram entries at those steps. */
  offdiagRms: number[];
  /** max |ŴS − MY| at those steps: how well Y = M⁻¹ŴS is tracked (a health check). */
  inverseResidual: number[];
}

export interface ProjectedGdResult {
  /** Final unit-norm rows Ŵ, row-major n×d. */
  W: Float64Array;
  /** How many Newton–Schulz refreshes of the preconditioner were made. */
  refreshes: number;
  trace: ProjectedGdTrace;
  /** Wall seconds of the `iterations` GD steps (recording and the final evaluation excluded). */
  stepSeconds: number;
}

/** Run projected GD from the unit rows `W0` (row-major n×d, normalised here) on a compute backend. */
export async function projectedGd(
  compute: Compute,
  W0: Float64Array,
  n: number,
  d: number,
  options: ProjectedGdOptions,
): Promise<ProjectedGdResult> {
  const { iterations, eta = 0.05, sigma, recordEvery = 10, refreshEvery = 10, refreshTol = 1e-4, clip = 1e-6, onProgress } = options;
  if (W0.length !== n * d) throw new RangeError(`projectedGd: W0 must have n·d = ${n * d} entries, got ${W0.length}`);
  if (sigma && sigma.length !== d) throw new RangeError(`projectedGd: sigma must have d = ${d} entries, got ${sigma.length}`);
  const s = Float32Array.from(sigma ?? new Float64Array(d).fill(1), (v) => Math.sqrt(v));
  const trSigma = s.reduce((a, v) => a + v * v, 0);
  const nn = n * n;
  const nd = n * d;
  const W = Float32Array.from(W0);
  normalizeRowsF32(W, n, d);
  let X = Float32Array.from(initialInverse(W, n, d));
  let Xnext = new Float32Array(nn);
  const G = new Float32Array(nn);
  const Gc = new Float32Array(nn);
  const M = new Float32Array(nn);
  const T = new Float32Array(nn);
  const DP = new Float32Array(nn);
  const WS = new Float32Array(nd);
  const Y = new Float32Array(nd);
  const Res = new Float32Array(nd);
  const g = new Float32Array(nd);
  const scaleRows = (A: Float32Array, out: Float32Array) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = A[i * d + j]! * s[j]!;
  };

  const trace: ProjectedGdTrace = { t: [], risk: [], offdiagRms: [], inverseResidual: [] };
  const record = (t: number) => {
    let loss = 0;
    for (let i = 0; i < nd; i++) loss += WS[i]! * Y[i]!;
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i) off += G[i * n + j]! ** 2;
    Res.set(WS);
    compute.sgemm(false, false, n, d, n, -1, M, Y, 1, Res);
    trace.t.push(t);
    trace.risk.push((trSigma - loss) / d);
    trace.offdiagRms.push(Math.sqrt(off / Math.max(1, n * (n - 1))));
    trace.inverseResidual.push(compute.maxAbs(Res));
  };

  let refreshes = 0;
  let stepSeconds = 0;
  scaleRows(W, WS);
  compute.sgemm(false, false, n, d, n, 1, X, WS, 0, Y); // Y = X·ŴS
  for (let t = 0; t <= iterations; t++) {
    const t0 = performance.now();
    signGram(compute, W, n, d, clip, G, Gc, M); // G = ŴŴᵀ, Gc clipped with zero diagonal, M = arcsin(Gc) + (π/2)I
    Res.set(WS);
    compute.sgemm(false, false, n, d, n, -1, M, Y, 1, Res); // residual ŴS − MY
    if (compute.maxAbs(Res) > refreshTol || (t > 0 && t % refreshEvery === 0)) {
      compute.sgemm(false, false, n, n, n, -1, M, X, 0, T); // T = 2I − MX
      for (let i = 0; i < n; i++) T[i * (n + 1)]! += 2;
      compute.sgemm(false, false, n, n, n, 1, X, T, 0, Xnext); // X ← X(2I − MX)
      [X, Xnext] = [Xnext, X];
      refreshes++;
    }
    compute.sgemm(false, false, n, d, n, 1, X, Res, 1, Y); // Y ← Y + X·residual
    if (t < iterations) stepSeconds += (performance.now() - t0) / 1000; // the last pass only evaluates the final Ŵ
    if (t % recordEvery === 0 || t === iterations) {
      record(t);
      onProgress?.(t / iterations);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (t === iterations) break;
    const t1 = performance.now();
    compute.sgemm(false, true, n, n, d, 1, Y, Y, 0, DP); // P = YYᵀ
    compute.arcsinPrimeScale(DP, Gc, n); // D ∘ P, D = arcsin′(Gc) off the diagonal
    scaleRows(Y, g);
    compute.sgemm(false, false, n, d, n, -2, DP, W, 2, g); // g = 2·(YS − (D∘P)Ŵ) = −∇L
    // ŵ ← normalise(ŵ − η·(∇L projected on the tangent space)) = normalise(ŵ + η·(g − ⟨g, ŵ⟩ŵ)), WS = ŴS.
    compute.sphereStep(W, g, s, WS, n, d, eta);
    stepSeconds += (performance.now() - t1) / 1000;
  }
  return { W: Float64Array.from(W), trace, refreshes, stepSeconds };
}

/** arcsin(G)⁻¹ in float64 for the starting rows (the Newton–Schulz warm start). */
function initialInverse(W: ArrayLike<number>, n: number, d: number): Float64Array {
  const Wm = toMatrix(Float64Array.from(W), n, d);
  const M = arcsinGram(Wm.mmul(Wm.transpose()));
  const inv = solveSpd(M, Matrix.eye(n));
  return Float64Array.from(inv.to1DArray());
}
