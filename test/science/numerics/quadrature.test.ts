import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gaussHermite, gaussLegendre, integrate, simpson } from '../../../science/numerics/quadrature.ts';

const test = suite('science/numerics/quadrature');

test('Gauss–Hermite integrates Gaussian moments exactly (E Z^{2k} = (2k−1)!!)', () => {
  const rule = gaussHermite(20);
  const tol = 1e-12; // relative; exact for degree ≤ 39 up to rounding
  for (const [k, m] of [[0, 1], [2, 1], [4, 3], [6, 15], [10, 945]] as const) {
    const v = integrate(rule, (x) => x ** k);
    assert.ok(Math.abs(v - m) <= tol * m, `E Z^${k} = ${v}, expected ${m}`);
  }
  assert.ok(Math.abs(integrate(rule, (x) => x ** 3)) < 1e-12);
});

test('Gauss–Legendre on [0, 1]: ∫ eˣ = e − 1 to 1e-14', () => {
  assert.ok(Math.abs(integrate(gaussLegendre(16, 0, 1), Math.exp) - (Math.E - 1)) < 1e-14);
});

test('Simpson: ∫_0^π sin = 2 with O(h⁴) error', () => {
  const e1 = Math.abs(simpson(Math.sin, 0, Math.PI, 20) - 2);
  const e2 = Math.abs(simpson(Math.sin, 0, Math.PI, 40) - 2);
  assert.ok(e1 < 1e-5 && e2 < e1 / 14, `errors ${e1}, ${e2}`);
  assert.throws(() => simpson(Math.sin, 0, 1, 3), /even integer/);
});

test.run();
