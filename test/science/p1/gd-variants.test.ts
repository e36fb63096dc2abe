import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, fromMatrix, gaussianMatrix, toMatrix } from '../../../science/numerics/index.ts';
import { defaultBackend, loadCompute } from '../../../science/numerics/compute.ts';
import { KAPPA, jointGd, lowerBound, optimalRisk, signRisk, tiedGd } from '../../../science/p1/index.ts';

const test = suite('science/p1/gd-variants');

/** Gaussian init B_ij ~ N(0, 1/d) (spec §3.1). */
const init = (n: number, d: number, seed: number) => gaussianMatrix(n, d, createRng(seed)).mul(1 / Math.sqrt(d));
/** Every check runs on the default backend (native when the addon is built) and on wasm. */
const backends = [...new Set([defaultBackend(), 'wasm'] as const)];

test('(b) joint GD, r ≤ 1, native and wasm: R(A, Ŵ) within 1e-6 of LB, never below (spec §5)', async () => {
  for (const backend of backends) for (const [d, n] of [[20, 10], [16, 16]] as const) {
    const res = await jointGd(await loadCompute({ backend }), fromMatrix(init(n, d, d)), n, d, { iterations: 300, recordEvery: 50 });
    const W = toMatrix(res.W, n, d);
    const R = signRisk(toMatrix(res.A, d, n), W);
    const lb = lowerBound(n / d);
    assert.ok(Math.abs(R - lb) < 1e-6, `${backend} (d,n)=(${d},${n}): ${R} vs ${lb}`);
    assert.ok(optimalRisk(W) >= lb - 1e-12 && R >= optimalRisk(W) - 1e-12, `${backend}: R ≥ R* ≥ LB`);
    assert.is(res.trace.risk[0], 1, `${backend}: A = 0 at t = 0 gives R = 1`);
    assert.ok(Math.abs(res.trace.risk.at(-1)! - R) < 1e-5, `${backend}: fp32 trace agrees with float64`);
  }
});

test('(c) tied GD, r ≤ 1, native and wasm: R within 1e-6 of LB, row norms → √(2/π), fp32 risk formula at init', async () => {
  for (const backend of backends) for (const [d, n] of [[20, 10], [16, 16]] as const) {
    const B0 = init(n, d, 100 + d);
    const res = await tiedGd(await loadCompute({ backend }), fromMatrix(B0), n, d, { iterations: 300, recordEvery: 50 });
    const B = toMatrix(res.B, n, d);
    const R = signRisk(B.transpose(), B);
    const lb = lowerBound(n / d);
    assert.ok(Math.abs(R - lb) < 1e-6, `${backend} (d,n)=(${d},${n}): ${R} vs ${lb}`);
    assert.ok(R >= lb - 1e-12, `${backend}: never below LB`);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(Math.hypot(...B.getRow(i)) - Math.sqrt(2 / Math.PI)) < 1e-4, `${backend}: ρ_${i}`);
    const R0 = signRisk(B0.transpose(), B0);
    assert.ok(Math.abs(res.trace.risk[0]! - R0) < 1e-5 * Math.max(1, R0), `${backend} init: fp32 ${res.trace.risk[0]} vs ${R0}`);
  }
});

test('r = 2 at (d,n) = (10,20), native and wasm: both variants above the brute-force minimum 0.2254 (±5e-4) and LB, tied scale √(π/2)/(r+κ)', async () => {
  const [d, n] = [10, 20];
  const B0 = init(n, d, 7);
  for (const backend of backends) {
    const compute = await loadCompute({ backend });
    const j = await jointGd(compute, fromMatrix(B0), n, d, { iterations: 1500, recordEvery: 1500 });
    const t = await tiedGd(compute, fromMatrix(B0), n, d, { iterations: 1500, recordEvery: 1500 });
    const Rj = signRisk(toMatrix(j.A, d, n), toMatrix(j.W, n, d));
    const B = toMatrix(t.B, n, d);
    const Rt = signRisk(B.transpose(), B);
    for (const [name, R] of [['joint', Rj], ['tied', Rt]] as const) {
      assert.ok(R >= 0.2254 - 5e-4 && R > lowerBound(2), `${backend} ${name}: ${R} below the small-d minimum`);
      assert.ok(R - lowerBound(2) < 0.01, `${backend} ${name}: ${R} did not converge`);
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Math.hypot(...B.getRow(i)) / n;
    const c = Math.sqrt(Math.PI / 2) / (2 + KAPPA);
    assert.ok(Math.abs(mean / c - 1) < 0.03, `${backend}: mean ρ ${mean} vs ${c}`);
  }
});

test.run();
