import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../science/numerics/index.ts';
import { maskedRowSampler, nonzeroFraction, sampleSparse, topColumns } from '../../../science/p2/index.ts';

const test = suite('science/p2/sparse data');

/** Density, second moment and the law of the run of zeros between non-zeros (geometric: P(0) = p). */
function stats(x: Float64Array) {
  let m2 = 0;
  let adjacent = 0;
  let nz = 0;
  for (let i = 0; i < x.length; i++) {
    m2 += x[i]! ** 2;
    if (x[i] !== 0) {
      nz++;
      if (i + 1 < x.length && x[i + 1] !== 0) adjacent++;
    }
  }
  return { density: nz / x.length, m2: m2 / x.length, nextNonzero: adjacent / nz };
}

test('sampleSparse by geometric skipping: density p, E x² = 1, P(next non-zero) = p (4e5 entries, 5 s.e.)', () => {
  const N = 400_000;
  for (const [p, law] of [[0.1, 'gauss'], [0.3, 'rademacher'], [0.7, 'gauss']] as const) {
    const s = stats(sampleSparse(new Float64Array(N), p, createRng(11), { law }));
    const se = Math.sqrt((p * (1 - p)) / N);
    assert.ok(Math.abs(s.density - p) < 5 * se, `p=${p}: density ${s.density}`);
    assert.ok(Math.abs(s.nextNonzero - p) < 5 * Math.sqrt((p * (1 - p)) / (p * N)), `p=${p}: next ${s.nextNonzero}`);
    // Var(x²) = E x⁴ − 1 = 3/p − 1 (gauss) or 1/p − 1 (rademacher).
    const se2 = Math.sqrt(((law === 'gauss' ? 3 : 1) / p - 1) / N);
    assert.ok(Math.abs(s.m2 - 1) < 5 * se2, `p=${p}: E x² = ${s.m2}`);
  }
  assert.ok(sampleSparse(new Float64Array(1000), 1, createRng(1)).every((v) => v !== 0));
});

test('maskedRowSampler: rows of X under a fresh Bernoulli(p)/√p mask; p = 1 copies rows', () => {
  const rows = 50, k = 8;
  const X = Float64Array.from({ length: rows * k }, (_, i) => 1 + (i % 17)); // no zeros
  const sample = maskedRowSampler(X, rows, k, 0.25);
  const out = sample(new Float64Array(20_000 * k), createRng(3));
  const se = Math.sqrt((0.25 * 0.75) / out.length);
  assert.ok(Math.abs(nonzeroFraction(out) - 0.25) < 5 * se, `${nonzeroFraction(out)}`);
  // every non-zero is 2·X[i, j] for some row i at the same column j
  for (let o = 0; o < 200; o++) {
    for (let j = 0; j < k; j++) {
      const v = out[o * k + j]!;
      if (v !== 0) assert.ok([...Array(rows).keys()].some((i) => v === 2 * X[i * k + j]!));
    }
  }
  const full = maskedRowSampler(X, rows, k, 1)(new Float64Array(3 * k), createRng(4));
  for (let o = 0; o < 3; o++) assert.ok([...Array(rows).keys()].some((i) => X.subarray(i * k, i * k + k).every((x, j) => x === full[o * k + j])));
  assert.equal(Array.from(topColumns(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3, 2)), [1, 2, 4, 5]);
  assert.throws(() => topColumns(X, rows, k, k + 1), /k must be an integer in \[1, 8\]/);
});

test.run();
