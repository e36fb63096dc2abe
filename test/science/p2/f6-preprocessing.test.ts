/**
 * The F6 preprocessing (P2 spec §4 F6, corrected audit): PCA-whiten with λ < 1e-6·λ_max dropped,
 * tr = d, then mask. On whitened data a Haar encoder's Gaussian-equivalent exact risk is
 * R_Gauss(r) (N1: 0.681690 at r = 0.5, 0.363380 at r = 1); ZCA with ε = 1e-2 on data with
 * zero-variance pixels is not isotropic and lands far below it (the audit's 0.503 / 0.255 on MNIST).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Matrix } from 'ml-matrix';
import { preprocess, type ImageSet } from '../../../science/datasets/index.ts';
import { createRng, haarFrameRows, symEigFlat } from '../../../science/numerics/index.ts';
import { optimalRisk } from '../../../science/p1/index.ts';
import { maskedRowSampler, nonzeroFraction, topColumns } from '../../../science/p2/index.ts';

const test = suite('science/p2/F6 preprocessing');

/** Byte images with two constant pixels (like MNIST's border) and a strong common factor. */
function images(n: number, d: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const pixels = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const f = [rng.normal(), rng.normal(), rng.normal()];
    for (let j = 0; j < d; j++) {
      const v = j < 2 ? 0 : 120 + 40 * f[0]! + 15 * Math.cos(j) * f[1]! + 3 * (j % 3) * f[2]! + 5 * rng.normal();
      pixels[i * d + j] = Math.max(0, Math.min(255, v));
    }
  }
  return { n, d, pixels, labels: new Uint8Array(n), max: 255 };
}

/** Σ̂^{1/2} of the rows' second moment (1/n) XᵀX, by eigendecomposition (an independent route). */
function sqrtSecondMoment(X: Float64Array, n: number, d: number): Matrix {
  const S = new Float64Array(d * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) S[a * d + b]! += (X[i * d + a]! * X[i * d + b]!) / n;
  const { values, vectors } = symEigFlat(S, d);
  const R = new Matrix(d, d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += vectors[a * d + c]! * Math.sqrt(Math.max(values[c]!, 0)) * vectors[b * d + c]!;
    R.set(a, b, s);
  }
  return R;
}

const haarRisk = (X: Float64Array, n: number, d: number, r: number, seed: number) => {
  const m = Math.round(r * d);
  const B = new Matrix(Array.from({ length: m }, (_, i) => Array.from(haarFrameRows(m, d, createRng(seed)).subarray(i * d, (i + 1) * d))));
  return optimalRisk(B, { sqrtSigma: sqrtSecondMoment(X, n, d) });
};

test('PCA whitening drops the zero-variance pixels; a Haar encoder on it has R* = R_Gauss (N1, 1e-6)', () => {
  const n = 500, d = 14;
  const out = preprocess(images(n, d, 1), null, { prep: 'pca', relTol: 1e-6 });
  assert.is(out.kept, 12);
  assert.is(out.d, 12);
  assert.ok(Math.abs(out.trace - 12) < 1e-9, `tr = ${out.trace}`);
  assert.ok(Math.abs(haarRisk(out.train, n, 12, 0.5, 3) - 0.68169) < 1e-6);
  assert.ok(Math.abs(haarRisk(out.train, n, 12, 1, 4) - 0.36338) < 1e-6);
  // Keeping the top k of the whitened directions stays isotropic.
  assert.ok(Math.abs(haarRisk(topColumns(out.train, n, 12, 8), n, 8, 0.5, 5) - 0.68169) < 1e-6);
});

test('ZCA (ε = 1e-2) with tr = d is not isotropic: R*(Haar) far below R_Gauss, as the audit found on MNIST', () => {
  const n = 500, d = 14;
  const out = preprocess(images(n, d, 1), null, { prep: 'zca', eps: 1e-2 });
  assert.ok(Math.abs(out.trace - d) < 1e-9);
  const r05 = haarRisk(out.train, n, d, 0.5, 3);
  const r1 = haarRisk(out.train, n, d, 1, 4);
  assert.ok(r05 < 0.68169 - 0.02 && r1 < 0.36338 - 0.02, `${r05} ${r1}`);
});

test('masking whitened rows keeps E x² = 1 per coordinate and a non-zero fraction p (Monte Carlo, 5 s.e.)', () => {
  const n = 500, d = 14, p = 0.3;
  const out = preprocess(images(n, d, 2), null, { prep: 'pca' });
  const k = out.d;
  const N = 40_000;
  const X = maskedRowSampler(out.train, n, k, p)(new Float64Array(N * k), createRng(9));
  assert.ok(Math.abs(nonzeroFraction(X) - p) < 5 * Math.sqrt((p * (1 - p)) / (N * k)));
  for (let j = 0; j < k; j++) {
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < N; i++) {
      m2 += X[i * k + j]! ** 2;
      m4 += X[i * k + j]! ** 4;
    }
    m2 /= N;
    const se = Math.sqrt((m4 / N - m2 * m2) / N);
    assert.ok(Math.abs(m2 - 1) < 5 * se + 1e-9, `coordinate ${j}: ${m2} ± ${se}`);
  }
});

test.run();
