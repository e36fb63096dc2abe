/**
 * Population covariance of the rows of X (n × d, row-major) about a given centre μ:
 *
 *   Σ̂ = (1/n) Σ_i (x_i − μ)(x_i − μ)ᵀ = XᵀX/n − x̄μᵀ − μx̄ᵀ + μμᵀ,   x̄ = (1/n) Σ_i x_i,
 *
 * accumulated on the *uncentred* rows as rank-1 updates over each row's non-zero entries, so
 * sparse data (MNIST: 81 % zeros) costs n·nnz²/2 instead of n·d²/2. With μ = x̄ (the default)
 * this is the centred covariance. Float64 throughout; for data of order 1 (pixels in [0, 1]) the
 * cancellation in XᵀX/n − x̄x̄ᵀ loses only ~1e-16 absolute.
 */
export interface CovarianceOptions {
  /** The centre μ (length d). @default the sample mean x̄ */
  mean?: Float64Array;
}

/** Returns Σ̂ as a d × d row-major Float64Array (symmetric, both triangles filled). */
export function covariance(X: Float64Array, n: number, d: number, options: CovarianceOptions = {}): Float64Array {
  if (X.length !== n * d) throw new RangeError(`covariance: expected ${n}×${d} = ${n * d} values, got ${X.length}`);
  if (n < 1) throw new RangeError(`covariance: n must be ≥ 1, got ${n}`);
  const xbar = new Float64Array(d);
  const S = new Float64Array(d * d);
  const nz = new Int32Array(d);
  const vals = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let m = 0;
    for (let j = 0; j < d; j++) {
      const v = X[row + j]!;
      if (v !== 0) {
        nz[m] = j;
        vals[m++] = v;
        xbar[j]! += v;
      }
    }
    // Upper triangle only (a ≤ b since nz is increasing).
    for (let a = 0; a < m; a++) {
      const va = vals[a]!;
      const base = nz[a]! * d;
      for (let b = a; b < m; b++) S[base + nz[b]!]! += va * vals[b]!;
    }
  }
  for (let j = 0; j < d; j++) xbar[j]! /= n;
  const mu = options.mean ?? xbar;
  if (mu.length !== d) throw new RangeError(`covariance: mean must have length ${d}, got ${mu.length}`);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = S[a * d + b]! / n - xbar[a]! * mu[b]! - mu[a]! * xbar[b]! + mu[a]! * mu[b]!;
      S[a * d + b] = v;
      S[b * d + a] = v;
    }
  }
  return S;
}
