import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Matrix } from 'ml-matrix';
import { createRng, loadCompute } from '../../../science/numerics/index.ts';
import {
  gaussianEquivalentTraining,
  harmonicSpectrum,
  lowerBound,
  lsDecoderRisk,
  optimalRisk,
  pcaSignRisk,
  spectrumWaterFillingDesign,
  waterFilling,
  waterFillingDesign,
} from '../../../science/p1/index.ts';
import { haarOrthogonal } from '../../../science/numerics/haar.ts';

const test = suite('science/p1/s3-design');

const sqrtDiag = (lambda: Float64Array) => Matrix.diag(Array.from(lambda, Math.sqrt));

test('achieving design, isotropic: orthonormal rows give LB(r) exactly (r ≤ 1); r = 2 is the Haar tight frame (spec §5: 0.2249 ± 5e-4 at d = 50)', () => {
  const iso = waterFillingDesign(new Float64Array(30).fill(1), 15, createRng(2));
  assert.ok(Math.abs(optimalRisk(iso.B) - lowerBound(0.5)) < 1e-12);
  assert.ok(Math.abs(iso.bound - lowerBound(0.5)) < 1e-12);
  const frame = waterFillingDesign(new Float64Array(50).fill(1), 100, createRng(3));
  const R = optimalRisk(frame.B);
  assert.ok(Math.abs(R - 0.2249) <= 5e-4, `r = 2, d = 50: ${R}`);
});

test('design on a singular Σ̂ = V diag(λ) Vᵀ: R_wf of the kept spectrum over the full d, rows in the kept span, exact at r ≤ 1 on a flat part', () => {
  const V = haarOrthogonal(6, createRng(7));
  const flat = (M: Matrix) => Float64Array.from(M.to1DArray());
  // Spec §5 row 15 (λ = (4, 1), n = 2: R_wf = 0.817606, 1e-6) with four null directions: the bound per coordinate of d = 6.
  const lambda = Float64Array.from([0, 4, 0, 1, 0, 0]);
  const des = spectrumWaterFillingDesign(lambda, flat(V), 2, createRng(1));
  assert.is(des.kept, 2);
  assert.ok(Math.abs(des.bound - (0.817606 * 2) / 6) < 1e-6 / 3, `bound ${des.bound}`);
  const B = new Matrix([Array.from(des.B.subarray(0, 6)), Array.from(des.B.subarray(6, 12))]);
  for (const j of [0, 2, 4, 5]) assert.ok(B.mmul(V.getColumnVector(j)).norm() < 1e-12, `row outside the kept span (null direction ${j})`);
  // Flat kept spectrum (four eigenvalues 1), n = 2: orthonormal rows there, so the exact risk is (4/6)·LB(0.5).
  const ones = Float64Array.from([1, 1, 0, 1, 1, 0]);
  const iso = spectrumWaterFillingDesign(ones, flat(V), 2, createRng(2));
  const sqrtSigma = V.mmul(Matrix.diag(Array.from(ones, Math.sqrt))).mmul(V.transpose());
  const Bi = new Matrix([Array.from(iso.B.subarray(0, 6)), Array.from(iso.B.subarray(6, 12))]);
  assert.ok(Math.abs(iso.bound - (4 / 6) * lowerBound(0.5)) < 1e-12);
  assert.ok(Math.abs(optimalRisk(Bi, { sqrtSigma }) - iso.bound) < 1e-9, `${optimalRisk(Bi, { sqrtSigma })} vs ${iso.bound}`);
});

test('achieving design on λ ∝ 1/i, d = 100: above R_wf, within 0.006 of it, far below PCA-sign', () => {
  const lambda = harmonicSpectrum(100);
  for (const r of [0.25, 0.5, 1, 2]) {
    const n = Math.round(100 * r);
    const des = waterFillingDesign(lambda, n, createRng(n));
    const R = optimalRisk(des.B, { sqrtSigma: sqrtDiag(lambda) });
    assert.ok(R >= des.bound && R - des.bound <= 0.006, `r=${r}: design ${R} vs R_wf ${des.bound}`);
    if (n <= 100) assert.ok(R < pcaSignRisk(lambda, n) - 0.05, `r=${r}: ${R} vs PCA-sign ${pcaSignRisk(lambda, n)}`);
  }
});

test('S3 on Gaussian samples: LS-decoder train/test risk matches the Gaussian prediction on Σ̂; prediction above water-filling on Σ̂', async () => {
  const [d, n, N] = [16, 8, 20000];
  const lambda = harmonicSpectrum(d);
  const rng = createRng(5);
  const sample = () => {
    const X = new Float64Array(N * d);
    for (let k = 0; k < N; k++) for (let j = 0; j < d; j++) X[k * d + j] = Math.sqrt(lambda[j]!) * rng.normal();
    return X;
  };
  const X = sample();
  const Xt = sample();
  const s3 = await gaussianEquivalentTraining(await loadCompute(), X, N, d, n, createRng(9), { iterations: 300 });
  assert.is(s3.kept, d);
  const ls = lsDecoderRisk(await loadCompute(), s3.B, n, d, X, Xt);
  // Per-sample sd of ‖x − x̂‖²/d is < 0.5 here, so 4·sd/√N < 0.015.
  assert.ok(Math.abs(ls.train - s3.prediction) < 0.015, `train ${ls.train} vs prediction ${s3.prediction}`);
  assert.ok(Math.abs(ls.test - s3.prediction) < 0.015, `test ${ls.test} vs prediction ${s3.prediction}`);
  const wf = waterFilling(s3.eigenvalues, n).risk;
  assert.ok(s3.prediction >= wf && s3.prediction - wf < 0.02, `prediction ${s3.prediction} vs R_wf(Σ̂) ${wf}`);
});

test('S3 on isotropic samples, r = 0.5: prediction and LS train risk at 1 − 2r/π (±0.01)', async () => {
  const [d, n, N] = [20, 10, 20000];
  const rng = createRng(6);
  const X = new Float64Array(N * d);
  rng.fillNormal(X);
  const s3 = await gaussianEquivalentTraining(await loadCompute(), X, N, d, n, createRng(1), { iterations: 200, eta: 0.1 });
  const ls = lsDecoderRisk(await loadCompute(), s3.B, n, d, X);
  assert.ok(Math.abs(s3.prediction - lowerBound(0.5)) < 0.01, `prediction ${s3.prediction}`);
  assert.ok(Math.abs(ls.train - lowerBound(0.5)) < 0.01, `train ${ls.train}`);
});

test.run();
