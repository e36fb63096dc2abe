import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, fromMatrix, haarOrthogonal, toMatrix } from '../../../science/numerics/index.ts';
import { lowerBound, lsDecoderRisk, optimalRisk, trainSignSurrogate } from '../../../science/p1/index.ts';
import { defaultBackend, loadCompute } from '../../../science/numerics/compute.ts';

const test = suite('science/p1/surrogate-training');

function gaussianRows(N: number, d: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(N * d));
}

test('LS decoder on orthonormal rows, native and wasm: train risk ≈ 1 − 2r/π within 4 sd/√N-ish sampling error', async () => {
  const d = 16;
  const n = 8;
  const N = 20000;
  const B = fromMatrix(haarOrthogonal(d, createRng(2)).subMatrix(0, n - 1, 0, d - 1));
  const [X, Xt] = [gaussianRows(N, d, 3), gaussianRows(5000, d, 4)];
  const risks: number[] = [];
  for (const backend of [defaultBackend(), 'wasm'] as const) {
    const res = lsDecoderRisk(await loadCompute({ backend }), B, n, d, X, Xt);
    // per-sample sd of ‖x − x̂‖²/d ≈ √(2/d) ≈ 0.35 → 4·sd/√N ≈ 0.01; the fitted decoder biases train low by ≈ n/N
    assert.ok(Math.abs(res.train - lowerBound(0.5)) < 0.01, `${backend}: train ${res.train}`);
    assert.ok(Math.abs(res.test - lowerBound(0.5)) < 0.02, `${backend}: test ${res.test}`);
    risks.push(res.train, res.test);
  }
  // The same codes (CᵀC exact) on both backends; CᵀX and the residual differ by fp32 round-off.
  assert.ok(Math.abs(risks[0]! - risks[2]!) < 1e-5 && Math.abs(risks[1]! - risks[3]!) < 1e-5, `native vs wasm: ${risks}`);
});

test('S1 surrogate on Gaussian data (small d), native and wasm backends: within 0.01 of LB after a short anneal, the same risk', async () => {
  const d = 16;
  const n = 8;
  const X = gaussianRows(8000, d, 5);
  const encoders: Float64Array[] = [];
  for (const backend of [defaultBackend(), 'wasm'] as const) {
    const B = await trainSignSurrogate(await loadCompute({ backend }), X, 8000, d, n, createRng(6), { steps: 600, batch: 256, lr: 1e-2, tauDecay: 0.995 });
    encoders.push(B);
    // Judge the learned encoder by its exact population risk (spec §5: within 0.01 of LB for r ≤ 1);
    // the training-set LS risk is optimistic by O(n·d/N) and ‖X‖²/(Nd) ≠ 1 on a finite sample.
    const exact = optimalRisk(toMatrix(B, n, d));
    assert.ok(exact > lowerBound(0.5) && exact - lowerBound(0.5) < 0.01, `${backend}: exact ${exact} vs ${lowerBound(0.5)}`);
    const res = lsDecoderRisk(await loadCompute(), B, n, d, X, gaussianRows(20000, d, 9));
    assert.ok(Math.abs(res.test - exact) < 0.01, `${backend}: held-out ${res.test} vs exact ${exact}`);
  }
  // Same minibatches and init: the backends differ by fp32 summation order, which 600 Adam steps
  // amplify in B (≈ 0.05 entrywise) but not in the risk the encoder reaches.
  const [a, b] = encoders.map((B) => optimalRisk(toMatrix(B, n, d))) as [number, number];
  assert.ok(Math.abs(a - b) < 2e-3, `exact risk native ${a} vs wasm ${b}`);
});

test.run();
