import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gaussianInitRisk, harmonicSpectrum, lowerBound, pcaSignRisk, waterFilling } from '../../../science/p1/index.ts';

const test = suite('science/p1/water-filling');
const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

test('λ = (4, 1), n = 2 (spec §5 row 15, tol 1e-6)', () => {
  const w = waterFilling(new Float64Array([4, 1]), 2);
  close(w.m[0]!, 1.523599, 1e-6);
  close(w.m[1]!, 0.476401, 1e-6);
  close(w.risk, 0.817606, 1e-6);
  close(Math.sqrt(1 / w.nu), Math.PI / 3, 1e-12, '√(1/ν) = π/3');
});

test('λ = (4, 1), n = 1 and n = 4 (spec §2.3 test vectors)', () => {
  const a = waterFilling(new Float64Array([4, 1]), 1);
  close(a.m[0]!, 1, 1e-6);
  assert.is(a.m[1], 0);
  close(a.risk, 1.22676, 1e-6);
  const b = waterFilling(new Float64Array([1, 4]), 4);
  close(b.m[1]!, 2.856932, 1e-6, 'order-independent');
  close(b.m[0]!, 1.143068, 1e-6);
  close(b.risk, 0.49957, 1e-6);
});

test('λ ∝ 1/i, d = 100, r = 0.5 (spec §5 row 16, tol 1e-5) and the §2.3 table', () => {
  const l = harmonicSpectrum(100);
  close(waterFilling(l, 50).risk, 0.3605, 1e-5);
  for (const [r, pred, pca] of [[0.1, 0.61197, 0.64054], [0.25, 0.47351, 0.53169], [1, 0.24208, 0.36338]] as const) {
    close(waterFilling(l, r * 100).risk, pred, 1e-5, `wf r=${r}`);
    close(pcaSignRisk(l, r * 100), pca, 1e-5, `pca r=${r}`);
  }
  close(waterFilling(l, 200).risk, 0.14791, 1e-5);
});

test('isotropic Σ gives LB(r) exactly, any d (spec §5 row 17)', () => {
  for (const d of [7, 40]) {
    for (const n of [1, 3, d, 2 * d, 4 * d]) close(waterFilling(new Float64Array(d).fill(1), n).risk, lowerBound(n / d), 1e-12, `d=${d} n=${n}`);
  }
});

test('R_init via Marchenko–Pastur (spec §5 row 19, tol 1e-4; §3.2 values)', () => {
  const expected = [[0.1, 0.93784], [0.25, 0.85041], [0.5, 0.72094], [0.75, 0.61195], [1, 0.52222], [1.5, 0.39059], [2, 0.30439], [3, 0.20559], [4, 0.15327]] as const;
  for (const [r, v] of expected) close(gaussianInitRisk(r), v, 1e-4, `r=${r}`);
  close(gaussianInitRisk(1), gaussianInitRisk(1, { nodes: 20000 }), 1e-8, 'converged quadrature at c = 1');
  close(gaussianInitRisk(0.5), gaussianInitRisk(0.5, { nodes: 20000 }), 1e-12, 'spectral convergence for c ≠ 1');
});

test('rejects bad inputs with the option named', () => {
  assert.throws(() => waterFilling(new Float64Array([1, 0]), 1), /eigenvalues must be > 0/);
  assert.throws(() => pcaSignRisk(new Float64Array([1]), 2), /n must be in/);
});

test.run();
