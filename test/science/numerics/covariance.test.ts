import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { covariance, createRng, multiplyRows, symEigFlat, vecTimesMatrix } from '../../../science/numerics/index.ts';

const test = suite('science/numerics/covariance');

test('covariance of sparse rows equals the naive centred (1/n) Σ (x−μ)(x−μ)ᵀ', () => {
  const rng = createRng(3);
  const n = 50, d = 7;
  const X = Float64Array.from({ length: n * d }, () => (rng.uniform() < 0.6 ? 0 : rng.uniform()));
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j]! += X[i * d + j]! / n;
  const S = covariance(X, n, d);
  const given = Float64Array.from({ length: d }, (_, j) => 0.1 * j);
  const T = covariance(X, n, d, { mean: given });
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0, t = 0;
      for (let i = 0; i < n; i++) {
        s += (X[i * d + a]! - mu[a]!) * (X[i * d + b]! - mu[b]!) / n;
        t += (X[i * d + a]! - given[a]!) * (X[i * d + b]! - given[b]!) / n;
      }
      assert.ok(Math.abs(S[a * d + b]! - s) < 1e-15 && Math.abs(T[a * d + b]! - t) < 1e-15);
    }
  }
});

test('multiplyRows with shift = μᵀW gives (X − 1μᵀ)W', () => {
  const X = Float64Array.from([1, 0, 2, 0, 3, 0]);
  const W = Float64Array.from([1, 2, 3, 4, 5, 6]); // 3 × 2
  const mu = Float64Array.from([0.5, 1, 1]);
  const Y = multiplyRows(X, 2, 3, W, 2, { shift: vecTimesMatrix(mu, W, 2) });
  // Row 0: (0.5, −1, 1)·W = (0.5 − 3 + 5, 1 − 4 + 6); row 1: (−0.5, 2, −1)·W.
  assert.equal(Array.from(Y), [2.5, 3, 0.5, 1]);
});

test('symEigFlat: descending values, unit eigenvector columns', () => {
  const S = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
  const { values, vectors } = symEigFlat(S, 3);
  assert.ok(Math.abs(values[0]! - 5) < 1e-12 && Math.abs(values[1]! - 3) < 1e-12 && Math.abs(values[2]! - 1) < 1e-12);
  assert.ok(Math.abs(Math.abs(vectors[2 * 3 + 0]!) - 1) < 1e-12);
  assert.ok(Math.abs(Math.abs(vectors[0 * 3 + 1]!) - Math.SQRT1_2) < 1e-12);
});

test.run();
