/**
 * "Gaussian-equivalent" training of a sign encoder on samples (P1 spec §3.3 S3): run projected
 * GD (§3.2(a), `projectedGd`) on the exact Gaussian risk of §2.3 with the data's second-moment
 * matrix Σ̂ = XᵀX/N (the data are centred, spec §4B E5; the model has no bias), then the caller
 * fits A by least squares on the data (`lsDecoderRisk`). Deterministic given the seed; what the
 * theory says real data should match ("universality").
 *
 * With Σ̂ = V diag(λ) Vᵀ (λ descending; directions with λ ≤ relTol·λ₁ dropped, d' kept), GD runs
 * on the unit rows Ŵ of B_y diag(λ)^{1/2} in eigen-coordinates y = Vᵀx, and
 *
 *   B = Ŵ diag(λ)^{−1/2} V_{d'}ᵀ    (codes sign(Bx)),
 *   prediction = (1/d)·[Tr Σ̂ − explained],  explained = Σ_{i≤d'} λ_i − d'·R*_{d'}(Ŵ)
 *
 * (R*_{d'} the exact §2.3 risk in the kept coordinates; dropped directions are not reconstructed).
 */
import { covariance } from '../numerics/covariance.ts';
import { gaussianMatrix } from '../numerics/haar.ts';
import { Matrix, fromMatrix, toMatrix } from '../numerics/linalg.ts';
import type { Rng } from '../numerics/rng.ts';
import { symEigFlat } from '../numerics/sym-eig-flat.ts';
import type { Compute } from '../numerics/compute.ts';
import { projectedGd } from './projected-gd.ts';
import { optimalRisk } from './sign-risk.ts';

export interface GaussianEquivalentOptions {
  /** Projected-GD steps. @default 300 */
  iterations?: number;
  /** Step on L = d·R*. @default 0.05 */
  eta?: number;
  /** Drop eigendirections with λ ≤ relTol·λ₁ (e.g. MNIST's constant border pixels). @default 1e-10 */
  relTol?: number;
  onProgress?: (fraction: number) => void;
}

export interface GaussianEquivalentResult {
  /** Encoder B (n×d, row-major) in the data's coordinates. */
  B: Float64Array;
  /** Exact Gaussian risk of B with its optimal decoder under N(0, Σ̂), per coordinate of d. */
  prediction: number;
  /** Eigenvalues of Σ̂, descending (length d). */
  eigenvalues: Float64Array;
  /** Eigendirections kept (d'). */
  kept: number;
}

/** S3 on the rows of X (N×d row-major), n code bits, Gaussian init drawn from `rng`. */
export async function gaussianEquivalentTraining(
  compute: Compute,
  X: Float64Array,
  N: number,
  d: number,
  n: number,
  rng: Rng,
  options: GaussianEquivalentOptions = {},
): Promise<GaussianEquivalentResult> {
  const { iterations = 300, eta = 0.05, relTol = 1e-10, onProgress } = options;
  const S = covariance(X, N, d, { mean: new Float64Array(d) });
  const { values, vectors } = symEigFlat(S, d);
  const kept = values.filter((v) => v > relTol * values[0]!).length;
  const lambda = values.slice(0, kept);
  const W0 = gaussianMatrix(n, kept, rng);
  const gd = await projectedGd(compute, fromMatrix(W0), n, kept, { iterations, eta, sigma: lambda, recordEvery: Math.max(1, iterations), onProgress });
  const W = toMatrix(gd.W, n, kept);
  const By = new Matrix(n, kept);
  for (let i = 0; i < n; i++) for (let a = 0; a < kept; a++) By.set(i, a, W.get(i, a) / Math.sqrt(lambda[a]!));
  const sqrtSigma = Matrix.diag(Array.from(lambda, Math.sqrt));
  const explained = lambda.reduce((s, v) => s + v, 0) - kept * optimalRisk(By, { sqrtSigma });
  const trace = values.reduce((s, v) => s + Math.max(0, v), 0);
  const B = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let a = 0; a < kept; a++) s += By.get(i, a) * vectors[j * d + a]!;
      B[i * d + j] = s;
    }
  }
  return { B, prediction: (trace - explained) / d, eigenvalues: values, kept };
}
