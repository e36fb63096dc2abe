import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../science/numerics/rng.ts';

const test = suite('science/numerics/rng');

test('same seed, same stream; different seeds, different streams', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const xa = [a.normal(), a.uniform(), a.int(10)];
  assert.equal([b.normal(), b.uniform(), b.int(10)], xa);
  assert.not.equal([c.normal(), c.uniform(), c.int(10)], xa);
});

test('uniforms and normals of one Rng are uncorrelated (|corr| < 4/√N)', () => {
  const rng = createRng(7);
  const N = 40_000;
  let sxy = 0;
  let sy = 0;
  for (let i = 0; i < N; i++) {
    const x = rng.normal() ** 2; // a normal's square vs a uniform drawn right after it
    const y = rng.uniform() - 0.5;
    sxy += (x - 1) * y;
    sy += y * y;
  }
  const corr = sxy / Math.sqrt(2 * N * sy); // Var(Z²) = 2
  assert.ok(Math.abs(corr) < 4 / Math.sqrt(N), `corr = ${corr}`);
});

test('moments: E U = 1/2, E Z = 0, E Z² = 1 within 4 standard errors', () => {
  const rng = createRng(11);
  const N = 50_000;
  let u = 0;
  let z = 0;
  let z2 = 0;
  for (let i = 0; i < N; i++) {
    u += rng.uniform();
    const v = rng.normal();
    z += v;
    z2 += v * v;
  }
  assert.ok(Math.abs(u / N - 0.5) < 4 * Math.sqrt(1 / 12 / N));
  assert.ok(Math.abs(z / N) < 4 / Math.sqrt(N));
  assert.ok(Math.abs(z2 / N - 1) < 4 * Math.sqrt(2 / N));
  assert.throws(() => createRng(-1), /seed must be an integer/);
});

test.run();
