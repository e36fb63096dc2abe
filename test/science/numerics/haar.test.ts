import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, haarFrame, haarOrthogonal, Phi, phiOverPhi, phi } from '../../../science/numerics/index.ts';

const test = suite('science/numerics/haar');

function maxAbsOff(M: { rows: number; get(i: number, j: number): number }, diag: number): number {
  let m = 0;
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.rows; j++) m = Math.max(m, Math.abs(M.get(i, j) - (i === j ? diag : 0)));
  return m;
}

test('haarOrthogonal is orthogonal and seeded', () => {
  const Q = haarOrthogonal(8, createRng(7));
  assert.ok(maxAbsOff(Q.mmul(Q.transpose()), 1) < 1e-12);
  assert.equal(haarOrthogonal(8, createRng(7)).get(3, 4), Q.get(3, 4));
});

test('haarFrame: orthonormal rows for m ≤ n, BᵀB = (m/n) I for m > n', () => {
  const rng = createRng(3);
  const B = haarFrame(4, 10, rng);
  assert.ok(maxAbsOff(B.mmul(B.transpose()), 1) < 1e-12);
  const C = haarFrame(15, 6, rng);
  assert.ok(maxAbsOff(C.transpose().mmul(C), 15 / 6) < 1e-12);
});

test('Phi and the inverse Mills ratio stay accurate in the far tail', () => {
  assert.ok(Math.abs(Phi(1.959963984540054) - 0.975) < 1e-15);
  // For a → −∞, φ(a)/Φ(a) ≈ −a − 1/a + 2/a³: at a = −40 this is 40.024968847…
  const a = -40;
  assert.ok(Math.abs(phiOverPhi(a) - (-a - 1 / a + 2 / a ** 3 - 10 / a ** 5)) < 1e-9);
  assert.ok(Math.abs(phiOverPhi(0.5) - phi(0.5) / Phi(0.5)) < 1e-15);
});

test.run();
