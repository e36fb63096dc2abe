import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gaussLaguerre } from '../../../science/numerics/quadrature.ts';
import { canonicalSpectrum, finiteDLoss, integrateReducedOde } from '../../../science/p3/index.ts';

const test = suite('science/p3/finite-d-loss');
const s = canonicalSpectrum();
const c10 = integrateReducedOde(s, 'tanh', [10]);

test('Gauss–Laguerre E U^m for U ~ Gamma(a, 1) is a(a+1)…(a+m−1), exactly for m < 2n', () => {
  for (const a of [0.5, 10, 50]) {
    const r = gaussLaguerre(12, a);
    for (let m = 0; m < 24; m += 5) {
      let exact = 1;
      for (let j = 0; j < m; j++) exact *= a + j;
      const quad = r.nodes.reduce((acc, u, i) => acc + r.weights[i]! * u ** m, 0);
      assert.ok(Math.abs(quad / exact - 1) < 1e-10, `a=${a}, m=${m}: ${quad} vs ${exact}`);
    }
  }
});

test('exact R_d at the ODE c(10) (tanh, λ = 0): 0.103643, 0.095729, 0.087360 for d = 60, 99, 300 (§2.7, 1e-6)', () => {
  const c = c10.c[0]!;
  [
    [60, 0.103643],
    [99, 0.095729],
    [300, 0.08736],
  ].forEach(([d, want]) => {
    const got = finiteDLoss(c, s, d!, 'tanh');
    assert.ok(Math.abs(got - want!) < 1e-6, `d=${d}: ${got} vs ${want}`);
  });
  assert.ok(Math.abs(finiteDLoss(c, s, 60, 'tanh', { nodes: 80 }) - finiteDLoss(c, s, 60, 'tanh')) < 1e-10, '40 and 80 nodes agree (to the 1e-10 of the φ1 table)');
  assert.ok(finiteDLoss(c, s, 3000, 'tanh') - c10.R[0]! < 0.001, 'R_d → R as d grows');
});

test('linear σ with c = 1 (x̂ = x) has R_d = 0; c = 0 gives E‖x‖² = 1.75; bad input rejected', () => {
  assert.ok(Math.abs(finiteDLoss([1, 1, 1], s, 30, 'linear')) < 1e-14);
  assert.ok(Math.abs(finiteDLoss([0, 0, 0], s, 30, 'tanh') - 1.75) < 1e-12);
  assert.throws(() => finiteDLoss([1, 1, 1], s, 0, 'tanh'), /d must be a positive integer/);
});

test.run();
