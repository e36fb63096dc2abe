import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import erfc from '@stdlib/math-base-special-erfc';
import improvedZiggurat from '@stdlib/random-base-improved-ziggurat';
import { createRng, type NativeRandom } from '../../../science/numerics/rng.ts';
import { mtNormal, mtSeed, mtUniform, MT_WORDS, zigguratTables } from '../../../science/numerics/mt19937.ts';
import { nativeAddon } from '../../../science/numerics/compute-native.ts';

const test = suite('science/numerics/ziggurat');
const require = createRequire(import.meta.url);
/** Start of the tail (stdlib's START_RIGHT_TAIL): only tail draws exceed it in absolute value. */
const TAIL = 3.442619855899;

/** Words a draw consumed: the read index's advance (fewer than 624 per draw). */
const wordsSince = (before: number, mt: Uint32Array) => (((mt[MT_WORDS]! % MT_WORDS) - (before % MT_WORDS) + MT_WORDS) % MT_WORDS);

test("the tables are stdlib's (coords_array, ratio_array) bit for bit", () => {
  const coords = require('@stdlib/random-base-improved-ziggurat/lib/coords_array.js') as (n: number, r: number) => number[];
  const ratios = require('@stdlib/random-base-improved-ziggurat/lib/ratio_array.js') as (x: number[]) => number[];
  const X = coords(128, TAIL);
  const { x, r } = zigguratTables();
  assert.equal(Array.from(x), X);
  assert.equal(Array.from(r), ratios(X));
  assert.is(x[1], TAIL);
  assert.is(x[128], 0);
});

test('JS normals are stdlib improved-ziggurat on stdlib mt19937, 10⁵ draws interleaved with uniforms, every path hit', () => {
  for (const seed of [1, 42, 0xffffffff]) {
    const n = improvedZiggurat.factory({ seed });
    const u = n.PRNG; // the same generator's `normalized`: a uniform between normals shares the stream
    const s = mtSeed(seed);
    const paths = { box: 0, wedge: 0, tail: 0 };
    for (let i = 0; i < 100_000; i++) {
      const before = s.mt[MT_WORDS]!;
      const z = mtNormal(s);
      assert.is(z, n(), `seed ${seed} normal ${i}`);
      const words = wordsSince(before, s.mt);
      if (Math.abs(z) > TAIL) paths.tail++;
      else if (words > 3) paths.wedge++; // a box hit takes exactly 3 words (res53 + the block's word)
      else paths.box++;
      if (i % 7 === 0) assert.is(mtUniform(s.mt), u(), `seed ${seed} uniform ${i}`);
    }
    // P(tail) = 2Φ(−r) ≈ 5.8e-4 and P(wedge or rejection) ≈ 1 %: dozens and hundreds of draws
    assert.ok(paths.tail >= 20 && paths.wedge >= 500, `seed ${seed}: ${JSON.stringify(paths)}`);
    const rng = createRng(seed, { kernels: 'js' });
    const z = rng.fillNormal(new Float64Array(1001));
    const m = improvedZiggurat.factory({ seed });
    for (let i = 0; i < z.length; i++) assert.is(z[i], m());
  }
});

test('native normals: the same words and the same bits as JS over 10⁶ draws (tail and wedge included)', () => {
  const loaded = nativeAddon();
  if (!loaded.ok) return; // CI builds the addon; this checks it wherever it is built
  createRng(1, { kernels: 'native' }); // hands the tables over
  const addon = loaded.addon as unknown as NativeRandom;
  const [js, nat] = [mtSeed(2024), mtSeed(2024)];
  const a = new Float64Array(1_000_000);
  for (let i = 0; i < a.length; i++) a[i] = mtNormal(js);
  const b = new Float64Array(a.length);
  addon.rngNormal(nat.mt, b);
  let tail = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.unreachable(`draw ${i}: JS ${a[i]} native ${b[i]}`);
    if (Math.abs(a[i]!) > TAIL) tail++;
  }
  assert.ok(tail > 400, `tail draws ${tail}`);
  assert.equal(Array.from(nat.mt), Array.from(js.mt), 'the generator state after the fill');
  // Gaussian rows: std_j times the same stream, rounded to fp32
  const std = Float64Array.of(0.5, 2, 1.5);
  const rows = new Float32Array(3 * 4001);
  addon.rngGaussianRows(nat.mt, rows, std);
  for (let i = 0; i < rows.length; i++) assert.is(rows[i], Math.fround(std[i % 3]! * mtNormal(js)), `row entry ${i}`);
  assert.equal(Array.from(nat.mt), Array.from(js.mt));
});

/** Φ, the standard normal CDF. */
const Phi = (x: number) => 0.5 * erfc(-x / Math.SQRT2);

test('statistics of 10⁵ normals, each path: moments within 4 s.e., KS at α = 0.01, tail mass within 4 s.e.', () => {
  const N = 100_000;
  for (const kernels of nativeAddon().ok ? (['js', 'native'] as const) : (['js'] as const)) {
    const z = createRng(77, { kernels }).fillNormal(new Float64Array(N));
    let m1 = 0, m2 = 0, m4 = 0, tail = 0;
    for (const v of z) {
      m1 += v;
      m2 += v * v;
      m4 += v ** 4;
      if (Math.abs(v) > TAIL) tail++;
    }
    // s.e.: E z = 0 (1/√N), E z² = 1 (√(2/N)), E z⁴ = 3 (√((105 − 9)/N), E z⁸ = 105)
    assert.ok(Math.abs(m1 / N) < 4 / Math.sqrt(N), `${kernels} mean ${m1 / N}`);
    assert.ok(Math.abs(m2 / N - 1) < 4 * Math.sqrt(2 / N), `${kernels} E z² ${m2 / N}`);
    assert.ok(Math.abs(m4 / N - 3) < 4 * Math.sqrt(96 / N), `${kernels} E z⁴ ${m4 / N}`);
    // the tail beyond r is drawn by its own path: its mass 2Φ(−r) must come out right
    const pt = 2 * Phi(-TAIL);
    assert.ok(Math.abs(tail / N - pt) < 4 * Math.sqrt((pt * (1 - pt)) / N), `${kernels} tail mass ${tail / N}, expected ${pt}`);
    // Kolmogorov–Smirnov: sup |F_N − Φ| < 1.628/√N (the 1 % critical value)
    const sorted = Float64Array.from(z).sort();
    let D = 0;
    for (let i = 0; i < N; i++) {
      const F = Phi(sorted[i]!);
      D = Math.max(D, (i + 1) / N - F, F - i / N);
    }
    assert.ok(D < 1.628 / Math.sqrt(N), `${kernels} KS D = ${D}`);
  }
});

test('rngZigguratInit rejects tables of the wrong size, and other tables once set', () => {
  const loaded = nativeAddon();
  if (!loaded.ok) return;
  createRng(1, { kernels: 'native' });
  const addon = loaded.addon as unknown as NativeRandom;
  assert.throws(() => addon.rngZigguratInit(new Float64Array(3), new Float64Array(128)), /rngZigguratInit\(x: Float64Array\(129\)/);
  const { x, r } = zigguratTables();
  addon.rngZigguratInit(x, r); // the same tables again: accepted
  r[5]! *= 1 + Number.EPSILON;
  assert.throws(() => addon.rngZigguratInit(x, r), /other tables than the ones already set/);
});

test.run();
