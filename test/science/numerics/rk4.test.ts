import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { integrateRk4 } from '../../../science/numerics/rk4.ts';

const test = suite('science/numerics/rk4');

test("y′ = y: y(1) = e with 4th-order error decay", () => {
  const f = (_t: number, y: Float64Array, out: Float64Array) => void (out[0] = y[0]!);
  const e1 = Math.abs(integrateRk4(f, Float64Array.of(1), 1, 0.1)[0]! - Math.E);
  const e2 = Math.abs(integrateRk4(f, Float64Array.of(1), 1, 0.05)[0]! - Math.E);
  assert.ok(e1 < 3e-6, `error ${e1}`);
  assert.ok(e1 / e2 > 14 && e1 / e2 < 18, `ratio ${e1 / e2}, expected ≈ 16`);
});

test('harmonic oscillator: ends exactly at t1 (shortened last step), observe sees t0 and t1', () => {
  const f = (_t: number, y: Float64Array, out: Float64Array) => {
    out[0] = y[1]!;
    out[1] = -y[0]!;
  };
  const ts: number[] = [];
  const y = integrateRk4(f, Float64Array.of(1, 0), 1.05, 0.1, { observe: (t) => ts.push(t) });
  assert.ok(Math.abs(y[0]! - Math.cos(1.05)) < 1e-6);
  assert.is(ts[0], 0);
  assert.is(ts.at(-1), 1.05);
  assert.throws(() => integrateRk4(f, Float64Array.of(1, 0), 1, 0), /step h must be > 0/);
});

test.run();
