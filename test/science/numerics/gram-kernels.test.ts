/**
 * The fused kernels of the P1 projected-GD step (clipGram, maxAbs, arcsinPrimeScale, sphereStep):
 * each against a plain float64 reference, and native = JS bit for bit (same arithmetic).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, loadCompute, type Backend } from '../../../science/numerics/index.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';
import { jsElementwise, type Elementwise } from '../../../science/numerics/elementwise.ts';

const test = suite('science/numerics/gram-kernels');
const backends: Backend[] = nativeAddon().ok ? ['native', 'wasm'] : ['wasm'];
const rng = createRng(47, { kernels: 'js' });
const uniform = (len: number, a: number) => Float32Array.from({ length: len }, () => a * (2 * rng.uniform() - 1));
const kernels = async (): Promise<Elementwise[]> => [...(await Promise.all(backends.map((backend) => loadCompute({ backend, threads: 1 })))), jsElementwise];
const sameBits = (outs: Float32Array[]) => {
  for (const o of outs) assert.equal(Array.from(o), Array.from(outs[0]!));
};

test('clipGram: clipped to ±(1 − clip), zero diagonal; native = JS', async () => {
  const n = 37;
  const clip = 1e-3;
  const G = uniform(n * n, 1.01);
  G[1] = 1;
  G[2] = -1;
  const outs: Float32Array[] = [];
  for (const e of await kernels()) {
    const Gc = new Float32Array(n * n).fill(7);
    e.clipGram(G, Gc, n, clip);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const want = i === j ? 0 : Math.fround(Math.min(1 - clip, Math.max(-1 + clip, G[i * n + j]!)));
        assert.is(Gc[i * n + j], want, `Gc[${i},${j}]`);
      }
    assert.is(Gc[1], Math.fround(1 - clip));
    assert.is(Gc[2], Math.fround(-1 + clip));
    assert.throws(() => e.clipGram(G, new Float32Array(n * n - 1), n, clip), /Gc has 1368 values, needs at least 1369/);
    outs.push(Gc);
  }
  sameBits(outs);
});

test('maxAbs: the largest |entry|, 0 when empty, NaN propagates', async () => {
  const A = uniform(1001, 3);
  A[500] = -3.5;
  for (const e of await kernels()) {
    assert.is(e.maxAbs(A), 3.5);
    assert.is(e.maxAbs(A.subarray(0, 500)), Math.max(...Array.from(A.subarray(0, 500), Math.abs)));
    assert.is(e.maxAbs(new Float32Array(0)), 0);
    assert.ok(Number.isNaN(e.maxAbs(Float32Array.of(1, NaN, 2))));
  }
});

test('arcsinPrimeScale: P/√(1 − Gc²) off the diagonal, 0 on it (fp32 round-off); native = JS', async () => {
  const n = 41;
  const P0 = uniform(n * n, 5);
  const Gc = uniform(n * n, 0.999);
  const outs: Float32Array[] = [];
  for (const e of await kernels()) {
    const P = Float32Array.from(P0);
    e.arcsinPrimeScale(P, Gc, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const k = i * n + j;
        const want = i === j ? 0 : P0[k]! / Math.sqrt(1 - Gc[k]! ** 2);
        assert.ok(Math.abs(P[k]! - want) <= 6e-8 * Math.abs(want), `P[${i},${j}] = ${P[k]} vs ${want}`);
      }
    outs.push(P);
  }
  sameBits(outs);
});

test('sphereStep: unit rows, the tangent step of size η, WS = W·diag(s); native = JS', async () => {
  const [n, d, eta] = [23, 17, 0.05];
  const W0 = uniform(n * d, 1);
  const g = uniform(n * d, 2);
  const s = Float32Array.from({ length: d }, (_, j) => 0.5 + j / d);
  const outs: Float32Array[] = [];
  for (const e of await kernels()) {
    const W = Float32Array.from(W0);
    const WS = new Float32Array(n * d);
    e.sphereStep(W, g, s, WS, n, d, eta);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += g[o + j]! * W0[o + j]!;
      const v = Array.from({ length: d }, (_, j) => W0[o + j]! + eta * (g[o + j]! - dot * W0[o + j]!));
      const norm = Math.hypot(...v);
      for (let j = 0; j < d; j++) {
        assert.ok(Math.abs(W[o + j]! - v[j]! / norm) < 2e-7, `W[${i},${j}] = ${W[o + j]} vs ${v[j]! / norm}`);
        assert.is(WS[o + j], Math.fround(W[o + j]! * s[j]!));
      }
    }
    outs.push(W, WS);
  }
  for (let k = 2; k < outs.length; k++) assert.equal(Array.from(outs[k]!), Array.from(outs[k % 2]!));
});

test.run();
