import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, fromMatrix, gaussianMatrix, loadCompute, toMatrix, type Backend } from '../../../science/numerics/index.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';
import { lowerBound, optimalRisk, projectedGd, projectedGdF64, waterFilling } from '../../../science/p1/index.ts';
import { Matrix } from 'ml-matrix';

const test = suite('science/p1/projected-gd');
const backends: Backend[] = nativeAddon().ok ? ['native', 'wasm'] : ['wasm'];

/** Best float64 projected-GD minimum over `restarts` Gaussian starts. */
function bestOf(d: number, n: number, restarts: number, iterations: number, eta: number, seed = 1): number {
  const rng = createRng(seed);
  let best = Infinity;
  for (let k = 0; k < restarts; k++) best = Math.min(best, optimalRisk(projectedGdF64(gaussianMatrix(n, d, rng), { iterations, eta })));
  return best;
}

test('r ≤ 1: fp32 GD reaches LB within 1e-6 at small d (spec §5 stochastic), both backends', async () => {
  for (const backend of backends)
  for (const [d, n] of [[20, 10], [16, 16]] as const) {
    const res = await projectedGd(await loadCompute({ backend }), fromMatrix(gaussianMatrix(n, d, createRng(d))), n, d, { iterations: 200, eta: 0.1, recordEvery: 200 });
    const R = optimalRisk(toMatrix(res.W, n, d));
    assert.ok(Math.abs(R - lowerBound(n / d)) < 1e-6, `${backend} d=${d} n=${n}: ${R} vs ${lowerBound(n / d)}`);
  }
});

test('fp32 GD (both backends) and float64 GD follow the same path', async () => {
  const B0 = gaussianMatrix(10, 6, createRng(8));
  const ref = projectedGdF64(B0, { iterations: 50, eta: 0.1 });
  for (const backend of backends) {
    const res = await projectedGd(await loadCompute({ backend }), fromMatrix(B0), 10, 6, { iterations: 50, eta: 0.1, recordEvery: 50 });
    assert.ok(Math.abs(optimalRisk(toMatrix(res.W, 10, 6)) - optimalRisk(ref)) < 1e-5, backend);
  }
});

test('native and wasm paths give the same rows to fp32 round-off (n = 40, d = 20, 100 steps)', async () => {
  if (backends.length < 2) return;
  const B0 = fromMatrix(gaussianMatrix(40, 20, createRng(12)));
  const [a, b] = await Promise.all(backends.map(async (backend) => projectedGd(await loadCompute({ backend }), B0, 40, 20, { iterations: 100, eta: 0.1, recordEvery: 50 })));
  let e = 0;
  for (let i = 0; i < a!.W.length; i++) e = Math.max(e, Math.abs(a!.W[i]! - b!.W[i]!));
  assert.ok(e < 1e-4, `max |ΔW| = ${e}`);
  a!.trace.risk.forEach((r, k) => assert.ok(Math.abs(r - b!.trace.risk[k]!) < 1e-5, `risk at record ${k}: ${r} vs ${b!.trace.risk[k]}`));
});

test('small-d brute force: minima above κ/(r+κ) (spec §5, ±5e-4)', () => {
  for (const [d, n, expected] of [[2, 4, 0.25415], [3, 6, 0.233], [5, 10, 0.2279]] as const) {
    const R = bestOf(d, n, 8, 600, 0.1, d);
    assert.ok(Math.abs(R - expected) <= 5e-4, `(d,n)=(${d},${n}): ${R} vs ${expected}`);
    assert.ok(R > lowerBound(n / d), 'never below LB');
  }
});

test('fp32 trace tracks the float64 risk; recorded risks decrease', async () => {
    const d = 12;
  const n = 24;
  const res = await projectedGd(await loadCompute(), fromMatrix(gaussianMatrix(n, d, createRng(3))), n, d, { iterations: 100, eta: 0.2, recordEvery: 20 });
  const final = optimalRisk(toMatrix(res.W, n, d));
  assert.ok(Math.abs(res.trace.risk.at(-1)! - final) < 1e-5, `${res.trace.risk.at(-1)} vs ${final}`);
  for (let k = 1; k < res.trace.risk.length; k++) assert.ok(res.trace.risk[k]! <= res.trace.risk[k - 1]! + 1e-6);
  assert.ok(final > lowerBound(2));
  assert.ok(Math.max(...res.trace.inverseResidual) < 1e-3);
});

test('diagonal Σ: GD lands just above the water-filling prediction', async () => {
    const d = 12;
  const n = 6;
  const sigma = Float64Array.from({ length: d }, (_, i) => 2 / (i + 1));
  const res = await projectedGd(await loadCompute(), fromMatrix(gaussianMatrix(n, d, createRng(4))), n, d, { iterations: 200, eta: 0.1, sigma, recordEvery: 200 });
  const S = Matrix.diag(Array.from(sigma, Math.sqrt));
  // Ŵ are the rows of B Σ^{1/2}: the encoder is B = Ŵ Σ^{-1/2}
  const B = toMatrix(res.W, n, d).mmul(Matrix.diag(Array.from(sigma, (v) => 1 / Math.sqrt(v))));
  const R = optimalRisk(B, { sqrtSigma: S });
  const wf = waterFilling(sigma, n).risk;
  assert.ok(Math.abs(R - res.trace.risk.at(-1)!) < 1e-5, 'trace = exact risk');
  assert.ok(R >= wf - 1e-3 && R - wf < 0.03, `GD ${R} vs water-filling ${wf}`);
});

test.run();
