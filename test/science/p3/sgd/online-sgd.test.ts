import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../../science/numerics/rng.ts';
import { loadCompute, type Backend } from '../../../../science/numerics/compute.ts';
import { nativeAddon } from '../../../../science/numerics/compute-native.ts';
import { ACTIVATIONS, blockOfCoordinate, canonicalSpectrum, integrateReducedOde, type Activation } from '../../../../science/p3/index.ts';
import { onlineSgd, sampleRows, type DataSource } from '../../../../science/p3/sgd/index.ts';

const test = suite('science/p3/sgd/online-sgd');
const backends: Backend[] = nativeAddon().ok ? ['native', 'wasm'] : ['wasm'];
const s = canonicalSpectrum();

function gaussian(d: number): DataSource {
  const groups = blockOfCoordinate(s, d);
  return { kind: 'gaussian', std: Float64Array.from(groups, (k) => Math.sqrt(s.levels[k]! / d)) };
}

const sigma: Record<Activation, [(u: number) => number, (u: number) => number]> = {
  tanh: [Math.tanh, (u) => 1 - Math.tanh(u) ** 2],
  erf: [(u) => erfApprox((Math.sqrt(Math.PI) / 2) * u), (u) => Math.exp((-Math.PI * u * u) / 4)],
  linear: [(u) => u, () => 1],
  relu: [(u) => Math.max(u, 0), (u) => (u > 0 ? 1 : 0)],
};
function erfApprox(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse; integrate exp(−t²) by Simpson instead (|x| small here).
  const n = 200;
  const h = x / n;
  let acc = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) acc += (i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return ((2 / Math.sqrt(Math.PI)) * acc * h) / 3;
}

test('one step equals the §1.5 update in float64 (synchronous, factor d on the data force only), all activations, both backends', async () => {
  for (const backend of backends) {
  const compute = await loadCompute({ backend });
  const d = 6, N = 5, B = 3, eps = 0.05, lambda = 0.3, r0 = 0.7;
  const src = gaussian(d);
  const groups = Int32Array.from({ length: d }, (_, i) => i); // one group per coordinate → c_i per coordinate
  const test = sampleRows(src, createRng(9), new Float32Array(4 * d));
  for (const act of ACTIVATIONS) {
    const run = await onlineSgd(compute, src, createRng(5), { N, activation: act, eps, batch: B, lambda, r0, steps: 1, recordEvery: 1, test, groups });
    // reference: replay the same random stream
    const rng = createRng(5);
    const th = Array.from({ length: N }, () => new Float64Array(d));
    for (let j = 0; j < d; j++) for (let i = 0; i < N; i++) th[i]![j] = r0 * rng.normal();
    const xb = sampleRows(src, rng, new Float32Array(B * d));
    const F = Array.from({ length: N }, () => new Float64Array(d));
    const [f, df] = sigma[act];
    for (let b = 0; b < B; b++) {
      const x = Array.from(xb.subarray(b * d, (b + 1) * d));
      const u = th.map((t) => t.reduce((a, v, j) => a + v * x[j]!, 0));
      const e = x.map((xj, j) => xj - th.reduce((a, t, i) => a + t[j]! * f(u[i]!), 0) / N);
      th.forEach((t, i) => {
        const a = t.reduce((acc, v, j) => acc + v * e[j]!, 0);
        for (let j = 0; j < d; j++) F[i]![j]! += (e[j]! * f(u[i]!) + df(u[i]!) * a * x[j]!) / B;
      });
    }
    const next = th.map((t, i) => t.map((v, j) => v + eps * d * F[i]![j]! - eps * lambda * v));
    for (let j = 0; j < d; j++) {
      const c = next.reduce((a, t) => a + t[j]! ** 2, 0) / N;
      assert.ok(Math.abs(run.c[1]![j]! - c) < 2e-5 * Math.max(1, c), `${backend} ${act}: c_${j} = ${run.c[1]![j]} vs ${c}`);
    }
    assert.is(run.t[1], eps);
  }
  }
});

test('native and wasm paths (products, activations and sampling): the same trajectory on the same seed, to fp32 round-off (d = 20, N = 400, 400 steps)', async () => {
  if (backends.length < 2) return;
  const d = 20;
  const src = gaussian(d);
  const testRows = sampleRows(src, createRng(3), new Float32Array(500 * d));
  const runs = await Promise.all(backends.map(async (backend) =>
    onlineSgd(await loadCompute({ backend }), src, createRng(4, { kernels: backend === 'native' ? 'native' : 'js' }), { N: 400, batch: 16, eps: 5e-3, steps: 400, recordEvery: 100, test: testRows, groups: blockOfCoordinate(s, d) })));
  const [a, b] = runs as [typeof runs[0], typeof runs[0]];
  a.c.forEach((ck, r) => ck.forEach((v, k) => assert.ok(Math.abs(v - b.c[r]![k]!) <= 1e-5 * Math.abs(v) + 1e-8, `c_${k} at record ${r}: ${v} vs ${b.c[r]![k]}`)));
  a.R.forEach((v, r) => assert.ok(Math.abs(v - b.R[r]!) <= 1e-5 * v, `R at record ${r}: ${v} vs ${b.R[r]}`));
});

test('S-mini (d = 60, N = 1200, B = 16, ε = 2e-3, T = 10, tanh, λ = 0): S1–S6 of §4.2', async () => {
  const compute = await loadCompute();
  const d = 60;
  const src = gaussian(d);
  const rng = createRng(1);
  const testRows = sampleRows(src, rng, new Float32Array(2000 * d));
  const run = await onlineSgd(compute, src, rng, { N: 1200, batch: 16, eps: 2e-3, steps: 5000, recordEvery: 50, test: testRows, groups: blockOfCoordinate(s, d) });
  const at = (t: number) => run.t.findIndex((x) => Math.abs(x - t) < 1e-9);
  const c = (t: number, k: number) => run.c[at(t)]![k]!;
  const R = (t: number) => run.R[at(t)]!;
  const ode = integrateReducedOde(s, 'tanh', [2]);
  assert.ok(Math.abs(c(2, 0) / ode.c[0]![0]! - 1) < 0.06, `S1: c1(2) = ${c(2, 0)} vs ODE ${ode.c[0]![0]}`);
  assert.ok(R(2) >= 0.4 && R(2) <= 0.47, `S2: R(2) = ${R(2)}`);
  assert.ok(c(3, 1) < 0.1 && c(7, 1) > 2.0, `S3: c2(3) = ${c(3, 1)}, c2(7) = ${c(7, 1)}`);
  assert.ok(c(10, 2) < 0.05, `S4: c3(10) = ${c(10, 2)}`);
  assert.ok(R(10) >= 0.083 && R(10) <= 0.13, `S5: R(10) = ${R(10)}`);
  run.t.forEach((t, i) => {
    if (t >= 1) assert.ok(run.c[i]![0]! > run.c[i]![1]! && run.c[i]![1]! > run.c[i]![2]!, `S6 at t = ${t}: ${run.c[i]}`);
  });
});

test.run();
