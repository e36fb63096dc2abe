import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import improvedZiggurat from '@stdlib/random-base-improved-ziggurat';
import { createRng, type Rng, type SparseLaw } from '../../../science/numerics/rng.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';

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

/** The kernel paths to check: JS always, the addon when it is built (CI requires it). */
const kernels: ('js' | 'native')[] = nativeAddon().ok ? ['js', 'native'] : ['js'];

test('the JS path is exactly stdlib mt19937 (normalized) + improved-ziggurat, uniforms and normals interleaved', () => {
  for (const seed of [1, 42, 0xffffffff]) {
    const n = improvedZiggurat.factory({ seed });
    const u = n.PRNG; // `normalized` of the generator the normals draw from
    const rng = createRng(seed, { kernels: 'js' });
    for (let i = 0; i < 2000; i++) {
      assert.is(rng.uniform(), u(), `seed ${seed} uniform ${i}`);
      assert.is(rng.normal(), n(), `seed ${seed} normal ${i}`);
      if (i % 3 === 0) assert.is(rng.normal(), n());
    }
    const z = rng.fillNormal(new Float64Array(1001));
    for (let i = 0; i < z.length; i++) assert.is(z[i], n());
  }
});

test('native fills advance the same stream as JS: uniforms, normals and Gaussian rows bit for bit', () => {
  if (kernels.length < 2) return;
  const [a, b] = [createRng(5, { kernels: 'js' }), createRng(5, { kernels: 'native' })];
  const fill = (r: Rng) => [r.fillUniform(new Float64Array(1500)), r.fillNormal(new Float64Array(777)), Float64Array.of(r.normal(), r.uniform())];
  const [ja, jb] = [fill(a), fill(b)];
  for (let k = 0; k < 3; k++) assert.equal(Array.from(ja[k]!), Array.from(jb[k]!)); // a JS normal right after a native fill
  const std = Float64Array.from({ length: 7 }, (_, j) => 0.5 + j);
  // p ≥ SPARSE_DENSE_FROM (0.25): one word per entry's Bernoulli; below: geometric runs (whose
  // ln(1 − u) is the C library's: a run could end one entry apart in the last bit, never seen)
  for (const [p, law] of [[0.2, 'gauss'], [0.3, 'gauss'], [0.5, 'rademacher'], [1, 'rademacher'], [0.3, 'uniform'], [0.4, 'laplace'], [0.15, 'mask'], [0.6, 'mask']] as const) {
    const [x, y] = [a.fillSparse(new Float32Array(5000), p, law), b.fillSparse(new Float32Array(5000), p, law)];
    let bad = 0;
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - y[i]!) > 2 ** -20 * Math.max(1, Math.abs(x[i]!))) bad++;
    assert.is(bad, 0, `${law} p=${p}`);
  }
  const [g, h] = [a.fillGaussianRows(new Float32Array(7 * 301), std), b.fillGaussianRows(new Float32Array(7 * 301), std)];
  assert.equal(Array.from(g), Array.from(h));
  assert.is(a.uniform(), b.uniform());
  // fp32 fills are the fp64 stream rounded
  const [c, e] = [createRng(8, { kernels: 'native' }), createRng(8, { kernels: 'native' })];
  assert.equal(Array.from(c.fillSparse(new Float32Array(999), 0.3, 'gauss')), Array.from(Float32Array.from(e.fillSparse(new Float64Array(999), 0.3, 'gauss'))));
});

/** Sample moments of the sparse law: density, E x, E x², E x⁴ (x = sY/√p, E Y² = 1). */
function sparseMoments(x: Float32Array) {
  let nz = 0, m1 = 0, m2 = 0, m4 = 0;
  for (const v of x) {
    if (v !== 0) nz++;
    m1 += v;
    m2 += v * v;
    m4 += v ** 4;
  }
  return { density: nz / x.length, m1: m1 / x.length, m2: m2 / x.length, m4: m4 / x.length };
}

test('samplers, each path: sparse density p, E x² = 1, E x⁴ = E Y⁴/p; rows with per-coordinate std (5 s.e.)', () => {
  const N = 300_000;
  const kurt: Record<SparseLaw, number> = { gauss: 3, rademacher: 1, uniform: 9 / 5, laplace: 6, mask: 1 };
  for (const k of kernels) {
    const rng = createRng(21, { kernels: k });
    // both methods: geometric runs (p < 0.25) and one word per entry (p ≥ 0.25)
    for (const [p, law] of [[0.1, 'gauss'], [0.4, 'gauss'], [0.5, 'rademacher'], [1, 'rademacher'], [1, 'gauss'], [0.3, 'uniform'], [0.25, 'laplace'], [0.2, 'mask'], [0.7, 'mask']] as const) {
      const s = sparseMoments(rng.fillSparse(new Float32Array(N), p, law));
      assert.ok(Math.abs(s.density - p) <= 5 * Math.sqrt((p * (1 - p)) / N) + 1e-12, `${k} ${law} p=${p}: density ${s.density}`);
      // E x = E Y·√p (0 for the symmetric laws, √p for the mask); Var x ≤ 1
      const mean = law === 'mask' ? Math.sqrt(p) : 0;
      assert.ok(Math.abs(s.m1 - mean) < 5 / Math.sqrt(N), `${k} ${law} p=${p}: E x = ${s.m1}, expected ${mean}`);
      const m4 = kurt[law] / p;
      assert.ok(Math.abs(s.m2 - 1) <= 5 * Math.sqrt((m4 - 1) / N), `${k} ${law} p=${p}: E x² = ${s.m2}`);
      // Var(x⁴) needs E x⁸; a 10 % band on E x⁴ is > 5 s.e. for these laws at this N
      assert.ok(Math.abs(s.m4 / m4 - 1) < 0.1, `${k} ${law} p=${p}: E x⁴ = ${s.m4}, expected ${m4}`);
    }
    const std = Float64Array.of(0.1, 1, 3);
    const rows = rng.fillGaussianRows(new Float32Array(3 * 100_001), std);
    for (let j = 0; j < 3; j++) {
      let m = 0, v = 0;
      for (let i = j; i < rows.length; i += 3) {
        m += rows[i]!;
        v += rows[i]! ** 2;
      }
      const n = rows.length / 3;
      assert.ok(Math.abs(m / n) < 5 * std[j]! / Math.sqrt(n), `${k} row mean ${j}`);
      assert.ok(Math.abs(v / n / std[j]! ** 2 - 1) < 5 * Math.sqrt(2 / n), `${k} row var ${j}: ${v / n}`);
    }
    const u = rng.fillUniform(new Float64Array(N));
    const z = rng.fillNormal(new Float32Array(N));
    let su = 0, sz = 0, sz2 = 0;
    for (let i = 0; i < N; i++) {
      su += u[i]!;
      sz += z[i]!;
      sz2 += z[i]! ** 2;
    }
    assert.ok(Math.abs(su / N - 0.5) < 5 * Math.sqrt(1 / 12 / N), `${k} E U`);
    assert.ok(Math.abs(sz / N) < 5 / Math.sqrt(N) && Math.abs(sz2 / N - 1) < 5 * Math.sqrt(2 / N), `${k} E Z, E Z²`);
    assert.throws(() => rng.fillSparse(new Float32Array(3), 0, 'gauss'), /p must be in \(0, 1\], got 0/);
  }
});

test.run();
