/**
 * Projected gradient descent on R*(B) with the optimal decoder recomputed every step
 * (P1 spec §3.2(a)), in tfjs fp32. Also runs on x ~ N(0, Σ) for diagonal Σ (spec §2.3, E4),
 * through the effective unit-row encoder Ŵ = normalise(B Σ^{1/2}).
 *
 * Loss L = d·R* = Tr Σ − Tr(Ŵᵀ M⁻¹ Ŵ Σ), M = arcsin(G), G = ŴŴᵀ. With S = Σ^{1/2},
 * Y = M⁻¹ Ŵ S, P = Y Yᵀ = M⁻¹ŴΣŴᵀM⁻¹ and D_ij = 1/√(1 − G_ij²) off the diagonal (0 on it):
 *
 *   ∇_Ŵ L = −2·(Y S − (D ∘ P) Ŵ)        (Σ = I: −2·(M⁻¹ − D∘(M⁻¹GM⁻¹))·Ŵ, the spec's form)
 *
 * Each row's gradient is projected on the tangent space of the sphere, then
 * ŵ_i ← normalise(ŵ_i − η g_i). Step η = 0.05 on L (spec §6.6).
 *
 * Y = M⁻¹ŴS is carried along without factorising M in the loop (tfjs has no solver):
 * one preconditioned Richardson step per GD step, Y ← Y + X(ŴS − MY), warm-started from
 * the previous Y, with X ≈ M⁻¹ refreshed by a Newton–Schulz step X ← X(2I − MX) every
 * `refreshEvery` steps. M moves by O(η) per step, so ‖I − XM‖ stays small and the error in
 * Y is that residual times the per-step drift; X is also refreshed whenever the residual
 * before a step exceeds `refreshTol` (needed in the fast early phase). Per step this costs 5 n²d multiply-adds
 * (G, MY, X·residual, YYᵀ, (D∘P)Ŵ) instead of the n³ of an inverse. The initial M⁻¹ is
 * computed in float64. The diagonal of M is set to exactly π/2
 * (arcsin′ diverges at 1, and in fp32 G_ii = 1 − 6e-8 would cost 3e-4).
 * Transposes are explicit: the wasm backend's matMul with transposeB is ~10× slower.
 * The risks recorded along the way are fp32; evaluate the returned Ŵ with `optimalRisk`
 * (float64) for final values.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TfHandle } from '../numerics/tf.ts';
import { Matrix, solveSpd, toMatrix } from '../numerics/linalg.ts';
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
}

/** Run projected GD from the unit rows `W0` (row-major n×d, normalised here). */
export async function projectedGd(
  handle: TfHandle,
  W0: Float64Array,
  n: number,
  d: number,
  options: ProjectedGdOptions,
): Promise<ProjectedGdResult> {
  const { iterations, eta = 0.05, sigma, recordEvery = 10, refreshEvery = 10, refreshTol = 1e-4, clip = 1e-6, onProgress } = options;
  if (W0.length !== n * d) throw new RangeError(`projectedGd: W0 must have n·d = ${n * d} entries, got ${W0.length}`);
  if (sigma && sigma.length !== d) throw new RangeError(`projectedGd: sigma must have d = ${d} entries, got ${sigma.length}`);
  const { tf } = handle;
  const s = Float32Array.from(sigma ?? new Float64Array(d).fill(1), (v) => Math.sqrt(v));
  const trSigma = s.reduce((a, v) => a + v * v, 0);

  const sRow = tf.tensor2d(s, [1, d]);
  const eye = tf.eye(n);
  const offMask = tf.sub(1, eye);
  const halfPiEye = tf.mul(eye, Math.PI / 2);
  let W: Tensor = tf.tidy(() => {
    const w = tf.tensor2d(Float32Array.from(W0), [n, d]);
    return tf.div(w, tf.norm(w, 'euclidean', 1, true));
  });
  let X: Tensor = tf.tensor2d(Float32Array.from(initialInverse(await W.data(), n, d)), [n, n]);

  const trace: ProjectedGdTrace = { t: [], risk: [], offdiagRms: [], inverseResidual: [] };
  const record = async (t: number, G: Tensor, M: Tensor, Y: Tensor) => {
    const [loss, off, res] = tf.tidy(() => {
      const WS = tf.mul(W, sRow);
      return [
        tf.sum(tf.mul(WS, Y)),
        tf.sqrt(tf.div(tf.sum(tf.square(tf.mul(G, offMask))), Math.max(1, n * (n - 1)))),
        tf.max(tf.abs(tf.sub(WS, tf.matMul(M, Y)))),
      ];
    });
    trace.t.push(t);
    trace.risk.push((trSigma - (await loss.data())[0]!) / d);
    trace.offdiagRms.push((await off.data())[0]!);
    trace.inverseResidual.push((await res.data())[0]!);
    tf.dispose([loss, off, res]);
  };

  let refreshes = 0;
  let Y: Tensor = tf.tidy(() => tf.matMul(X, tf.mul(W, sRow)));
  for (let t = 0; t <= iterations; t++) {
    const G = tf.tidy(() => tf.matMul(W, tf.transpose(W)));
    const Gc = tf.tidy(() => tf.clipByValue(tf.mul(G, offMask), -1 + clip, 1 - clip));
    const M = tf.tidy(() => tf.add(tf.mul(tf.asin(Gc), offMask), halfPiEye));
    const residual = tf.tidy(() => tf.sub(tf.mul(W, sRow), tf.matMul(M, Y)));
    const drift = tf.tidy(() => tf.max(tf.abs(residual)));
    const stale = (await drift.data())[0]! > refreshTol;
    drift.dispose();
    if (stale || (t > 0 && t % refreshEvery === 0)) {
      const next = tf.tidy(() => tf.matMul(X, tf.sub(tf.mul(eye, 2), tf.matMul(M, X))));
      X.dispose();
      X = next;
      refreshes++;
    }
    const Ynext = tf.tidy(() => tf.add(Y, tf.matMul(X, residual)));
    tf.dispose([Y, residual]);
    Y = Ynext;
    if (t % recordEvery === 0 || t === iterations) {
      await record(t, G, M, Y);
      onProgress?.(t / iterations);
    }
    if (t < iterations) {
      const next = tf.tidy(() => {
        const D = tf.mul(tf.rsqrt(tf.sub(1, tf.square(Gc))), offMask);
        const P = tf.matMul(Y, tf.transpose(Y));
        const g = tf.mul(-2, tf.sub(tf.mul(Y, sRow), tf.matMul(tf.mul(D, P), W)));
        const tangent = tf.sub(g, tf.mul(tf.sum(tf.mul(g, W), 1, true), W));
        const w = tf.sub(W, tf.mul(eta, tangent));
        return tf.div(w, tf.norm(w, 'euclidean', 1, true));
      });
      W.dispose();
      W = next;
    }
    tf.dispose([G, Gc, M]);
  }
  const out = Float64Array.from(await W.data());
  tf.dispose([W, X, Y, sRow, eye, offMask, halfPiEye]);
  return { W: out, trace, refreshes };
}

/** arcsin(G)⁻¹ in float64 for the starting rows (the Newton–Schulz warm start). */
function initialInverse(W: ArrayLike<number>, n: number, d: number): Float64Array {
  const Wm = toMatrix(Float64Array.from(W), n, d);
  const M = arcsinGram(Wm.mmul(Wm.transpose()));
  const inv = solveSpd(M, Matrix.eye(n));
  return Float64Array.from(inv.to1DArray());
}
