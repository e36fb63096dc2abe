import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, symEigFlat } from '../../../science/numerics/index.ts';

const test = suite('science/numerics/sym-eig-flat');

/** A random PSD matrix AAᵀ (rank r) with some exactly-zero rows/columns, like MNIST's border pixels. */
function psd(n: number, r: number, zeros: number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const A = Float64Array.from({ length: n * r }, () => rng.normal());
  for (const z of zeros) A.fill(0, z * r, (z + 1) * r);
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) S[i * n + j]! += A[i * r + k]! * A[j * r + k]!;
  return S;
}

test('the flat port and the compute layer (LAPACK when built) agree with ml-matrix symEig (zero rows deflated) to 1e-12', () => {
  for (const [n, r, zeros, method] of [[6, 6, [], 'flat'], [40, 40, [3, 17], 'flat'], [50, 20, [0, 49], 'flat'], [40, 40, [3, 17], 'compute'], [50, 20, [0, 49], 'compute']] as [number, number, number[], 'flat' | 'compute'][]) {
    const S = psd(n, r, zeros, n);
    const a = symEigFlat(S, n, { method });
    const b = symEigFlat(S, n, { method: 'ml-matrix' });
    for (let j = 0; j < n; j++) assert.ok(Math.abs(a.values[j]! - b.values[j]!) < 1e-12 * a.values[0]!);
    // Eigenvectors (of the simple, non-zero eigenvalues) up to sign.
    for (let j = 0; j < Math.min(r, n - zeros.length) - 1; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += a.vectors[i * n + j]! * b.vectors[i * n + j]!;
      const sg = Math.sign(dot);
      for (let i = 0; i < n; i++) assert.ok(Math.abs(a.vectors[i * n + j]! - sg * b.vectors[i * n + j]!) < 1e-9);
    }
  }
});

test('S V = V diag(values), VᵀV = I, values descending', () => {
  const n = 30;
  const S = psd(n, 12, [5], 9);
  const { values, vectors: V } = symEigFlat(S, n);
  for (let j = 1; j < n; j++) assert.ok(values[j]! <= values[j - 1]!);
  let res = 0, orth = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sv = 0, vv = 0;
      for (let k = 0; k < n; k++) {
        sv += S[i * n + k]! * V[k * n + j]!;
        vv += V[k * n + i]! * V[k * n + j]!;
      }
      res = Math.max(res, Math.abs(sv - values[j]! * V[i * n + j]!));
      orth = Math.max(orth, Math.abs(vv - (i === j ? 1 : 0)));
    }
  }
  assert.ok(res < 1e-11 * values[0]!, `residual ${res}`);
  assert.ok(orth < 1e-12, `orthogonality ${orth}`);
});

test('errors name the problem', () => {
  assert.throws(() => symEigFlat(new Float64Array(5), 2), /expected 2×2 = 4 values, got 5/);
  assert.throws(() => symEigFlat(new Float64Array(4), 2, { method: 'x' as 'flat' }), /method must be 'compute', 'flat' or 'ml-matrix', got x/);
});

test.run();
