import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, fromMatrix, gaussianMatrix, haarFrame } from '../../../science/numerics/index.ts';
import { haarFrameRisk, lowerBound, optimalRisk, optimalRiskFlat } from '../../../science/p1/index.ts';

const test = suite('science/p1/optimal-risk-flat');

test('flat R*(B) equals the ml-matrix optimalRisk (1e-12), r < 1 and r > 1', () => {
  const rng = createRng(4);
  for (const [n, d] of [[7, 12], [30, 12], [40, 20]] as const) {
    const B = gaussianMatrix(n, d, rng);
    assert.ok(Math.abs(optimalRiskFlat(fromMatrix(B), n, d) - optimalRisk(B)) < 1e-12, `${n}×${d}`);
  }
  const Q = haarFrame(10, 20, rng);
  assert.ok(Math.abs(optimalRiskFlat(fromMatrix(Q), 10, 20) - lowerBound(0.5)) < 1e-12);
});

test('Haar tight frame r = 2 (spec §5): 0.2249 ± 5e-4 (d = 50), 0.2235 ± 3e-4 (d = 100)', () => {
  assert.ok(Math.abs(haarFrameRisk(100, 50, createRng(1)) - 0.2249) <= 5e-4);
  assert.ok(Math.abs(haarFrameRisk(200, 100, createRng(2)) - 0.2235) <= 3e-4);
});

test.run();
