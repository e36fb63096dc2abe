import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, haarFrameRows } from '../../../science/numerics/index.ts';
import { loadCompute } from '../../../science/numerics/compute.ts';
import { matOp, rowSvd, sampleSparse, signEncode, vampDecode } from '../../../science/p2/index.ts';

const test = suite('science/p2/VAMP with a general B');

test('rowSvd: V has orthonormal rows, S² are the eigenvalues of BBᵀ, and Vᵀ diag(S) U-rotated rebuilds B', () => {
  const n = 6, d = 10;
  const Q = haarFrameRows(n, d, createRng(1));
  const B = Float64Array.from(Q, (v, i) => v * (1 + Math.floor(i / d))); // row i scaled by i + 1
  const { V, s2 } = rowSvd(B, n, d);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += V[a * d + j]! * V[b * d + j]!;
    assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-10);
  }
  // Rows of a scaled orthonormal Q: BBᵀ = diag((i + 1)²).
  assert.equal(Array.from(s2, (v) => Math.round(v * 1e9) / 1e9).sort((x, y) => x - y), [1, 4, 9, 16, 25, 36]);
  // Every row of B lies in the span of V: ‖b − VᵀVb‖ = 0.
  for (let i = 0; i < n; i++) {
    const c = Array.from({ length: n }, (_, k) => V.subarray(k * d, k * d + d).reduce((a, v, j) => a + v * B[i * d + j]!, 0));
    for (let j = 0; j < d; j++) assert.ok(Math.abs(B[i * d + j]! - c.reduce((a, ck, k) => a + ck * V[k * d + j]!, 0)) < 1e-10);
  }
  assert.throws(() => rowSvd(new Float64Array(2 * 3), 2, 3), /rank-deficient/);
});

test('the general LMMSE node with S = I reproduces the orthonormal-B decoder layer by layer', async () => {
  const n = 60, d = 120, N = 30, p = 0.3;
  const rng = createRng(2);
  const B = haarFrameRows(n, d, rng);
  const x = sampleSparse(new Float64Array(N * d), p, rng);
  const compute = await loadCompute();
  const op = matOp(compute, B, n, d);
  const { V, s2 } = rowSvd(B, n, d);
  const rowSpace = matOp(compute, V, n, d);
  const z = signEncode(op.apply(x, N), { signZero: 'plus' });
  const plain = vampDecode(z, N, op, p, { layers: 4 });
  const general = vampDecode(z, N, op, p, { layers: 4, svd: { rowSpace, s2 } });
  for (let t = 0; t < 4; t++) {
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < N * d; i++) {
      diff += (plain[t]![i]! - general[t]![i]!) ** 2;
      norm += plain[t]![i]! ** 2;
    }
    // fp32 products: agreement to ~1e-6 relative.
    assert.ok(Math.sqrt(diff / norm) < 1e-4, `layer ${t + 1}: relative difference ${Math.sqrt(diff / norm)}`);
  }
  assert.throws(() => vampDecode(z, N, op, p, { svd: { rowSpace, s2: s2.subarray(1) } }), /svd needs/);
});

test.run();
