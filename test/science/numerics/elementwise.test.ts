/**
 * The fused elementwise kernels of `Compute` (sign, Adam, column normalisation): the same checks
 * on both backends against a float64 reference, and native = JS bit for bit (same arithmetic).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, loadCompute, type Backend } from '../../../science/numerics/index.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';
import { jsElementwise } from '../../../science/numerics/elementwise.ts';

const test = suite('science/numerics/elementwise');
const backends: Backend[] = nativeAddon().ok ? ['native', 'wasm'] : ['wasm'];
const rng = createRng(31, { kernels: 'js' });
const randn = (n: number, s = 1) => Float32Array.from({ length: n }, () => s * rng.normal());

test('sign: ±1 with sign(0) = +1, sign(−0) = +1', async () => {
  const x = Float32Array.of(-2, -0, 0, 1e-30, -1e-30, 3);
  for (const backend of backends) {
    const c = await loadCompute({ backend, threads: 1 });
    const out = new Float32Array(6);
    c.sign(x, out);
    assert.equal(Array.from(out), [-1, 1, 1, 1, -1, 1], backend);
    assert.throws(() => c.sign(x, new Float32Array(5)), /out has 5 values, needs at least 6/);
  }
});

test('adam: 3 steps against the fp64 Adam recursion (fp32 round-off), and native = JS bit for bit', async () => {
  const n = 1001;
  const x0 = randn(n);
  const grads = [randn(n), randn(n, 1e-3), randn(n, 10)];
  const [lr, b1, b2, eps] = [3e-3, 0.9, 0.999, 1e-8];
  // float64 reference
  const xr = Float64Array.from(x0), mr = new Float64Array(n), vr = new Float64Array(n);
  grads.forEach((g, t) => {
    for (let i = 0; i < n; i++) {
      mr[i] = b1 * mr[i]! + (1 - b1) * g[i]!;
      vr[i] = b2 * vr[i]! + (1 - b2) * g[i]! ** 2;
      xr[i]! -= (lr * mr[i]! / (1 - b1 ** (t + 1))) / (Math.sqrt(vr[i]! / (1 - b2 ** (t + 1))) + eps);
    }
  });
  const results: Float32Array[] = [];
  for (const e of [...(await Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })))), jsElementwise]) {
    const x = Float32Array.from(x0), m = new Float32Array(n), v = new Float32Array(n);
    grads.forEach((g, t) => e.adam(x, g, m, v, lr, b1, b2, eps, 1 / (1 - b1 ** (t + 1)), 1 / (1 - b2 ** (t + 1))));
    for (let i = 0; i < n; i++) assert.ok(Math.abs(x[i]! - xr[i]!) < 2e-7 * Math.max(1, Math.abs(xr[i]!)), `x[${i}] = ${x[i]} vs ${xr[i]}`);
    // one Adam step moves each weight by about lr (|m̂/√v̂| ≈ 1 at the first step)
    assert.ok(Math.abs(Math.abs(x[0]! - x0[0]!) - 3 * lr) < 2 * lr);
    results.push(x);
  }
  for (const r of results) assert.equal(Array.from(r), Array.from(results[0]!));
});

test('normalizeColumns: unit columns, directions kept; native = JS bit for bit', async () => {
  const [rows, cols] = [37, 11];
  const W0 = randn(rows * cols, 3);
  const outs: Float32Array[] = [];
  for (const e of [...(await Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })))), jsElementwise]) {
    const W = Float32Array.from(W0);
    e.normalizeColumns(W, rows, cols);
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += W[i * cols + j]! ** 2;
      assert.ok(Math.abs(s - 1) < 1e-6, `column ${j}: ‖w‖² = ${s}`);
      const ratio = W0[j]! / W[j]!;
      for (let i = 0; i < rows; i++) assert.ok(Math.abs(W0[i * cols + j]! / ratio - W[i * cols + j]!) < 1e-6);
    }
    outs.push(W);
  }
  for (const W of outs) assert.equal(Array.from(W), Array.from(outs[0]!));
});

test('columnStandardize and tanhScaledBackward (P1 S1): standardised columns against fp64, native = JS bit for bit', async () => {
  const [rows, cols, tau] = [257, 13, 0.37];
  const z = Float32Array.from(randn(rows * cols, 2), (v, i) => v + (i % cols) - 5); // column means −5…7
  const c0 = Float32Array.from(randn(rows * cols), Math.tanh);
  const g0 = randn(rows * cols);
  const outs: { inv: Float64Array; out: Float32Array; g: Float32Array }[] = [];
  for (const e of [...(await Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })))), jsElementwise]) {
    const inv = new Float64Array(cols), out = new Float32Array(rows * cols), g = Float32Array.from(g0);
    e.columnStandardize(z, rows, cols, tau, inv, out);
    e.tanhScaledBackward(c0, inv, g, rows, cols);
    for (let j = 0; j < cols; j++) {
      let m = 0, v = 0;
      for (let r = 0; r < rows; r++) m += z[r * cols + j]! / rows;
      for (let r = 0; r < rows; r++) v += (z[r * cols + j]! - m) ** 2 / rows;
      const want = 1 / ((Math.sqrt(v) + 1e-8) * tau);
      assert.ok(Math.abs(inv[j]! / want - 1) < 1e-12, `inv[${j}] = ${inv[j]} vs ${want}`);
      for (const r of [0, rows - 1]) {
        const o = r * cols + j;
        assert.ok(Math.abs(out[o]! - z[o]! * want) < 1e-6 * Math.abs(z[o]! * want) + 1e-30, `out[${o}]`);
        assert.ok(Math.abs(g[o]! - g0[o]! * (1 - c0[o]! ** 2) * want) < 1e-6 * Math.abs(g0[o]! * want), `g[${o}]`);
      }
    }
    assert.throws(() => e.columnStandardize(z, rows + 1, cols, tau, inv, out), /z has \d+ values, needs at least/);
    outs.push({ inv, out, g });
  }
  for (const o of outs) {
    assert.equal(Array.from(o.inv), Array.from(outs[0]!.inv));
    assert.equal(Array.from(o.out), Array.from(outs[0]!.out));
    assert.equal(Array.from(o.g), Array.from(outs[0]!.g));
  }
});

test('maskRows (P2 F6): mask times gathered rows, zeros stay +0, fp32 and fp64 out, native = JS bit for bit; offsets outside X throw', async () => {
  const [rows, k, m] = [50, 7, 40];
  const X = Float64Array.from(randn(rows * k, 3));
  const rowsAt = Int32Array.from({ length: m }, (_, o) => ((o * 17) % rows) * k);
  const mask = Float64Array.from({ length: m * k }, (_, i) => (i % 3 === 0 ? 0 : 2.5));
  const got: number[][] = [];
  for (const e of [...(await Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })))), jsElementwise]) {
    for (const out of [Float32Array.from(mask), Float64Array.from(mask)]) {
      e.maskRows(out, X, rowsAt, k);
      for (let o = 0; o < m; o++)
        for (let j = 0; j < k; j++) {
          const want = mask[o * k + j]! * X[rowsAt[o]! + j]!;
          const v = out[o * k + j]!;
          assert.ok(want === 0 ? Object.is(v, 0) : Math.abs(v - want) <= 1e-7 * Math.abs(want), `out[${o}, ${j}] = ${v}, want ${want}`);
        }
      got.push(Array.from(out));
    }
    assert.throws(() => e.maskRows(new Float32Array(m * k), X, Int32Array.of(0, rows * k - 3), k), /row offset 347 \+ k = 7 is outside X \(350 values\)/);
    assert.throws(() => e.maskRows(new Float32Array(m * k - 1), X, rowsAt, k), /out has 279 values, needs at least 280/);
  }
  for (let b = 2; b < got.length; b++) assert.equal(got[b], got[b % 2], `output ${b}`);
});

test.run();
