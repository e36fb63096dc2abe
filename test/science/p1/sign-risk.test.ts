import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Matrix } from 'ml-matrix';
import { createRng, gaussianMatrix, haarOrthogonal } from '../../../science/numerics/index.ts';
import {
  arcsinSeriesCoefficients,
  KAPPA,
  lowerBound,
  normalizeRows,
  optimalDecoder,
  optimalRisk,
  signKernel,
  signKernelSeries,
  signRisk,
  tiedGramRisk,
} from '../../../science/p1/index.ts';

const test = suite('science/p1/sign-risk');
const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

test('arcsine kernel at ρ = 0.5 is 1/3 (spec §5 row 14)', () => close(signKernel(0.5), 1 / 3, 1e-15));

test('arcsin series: μ₁² = 2/π, tail Σ_{j≥1} c_j → κ, series matches closed form', () => {
  const c = arcsinSeriesCoefficients(200000);
  close((2 / Math.PI) * c[0]!, 0.6366197724, 1e-10);
  let tail = 0;
  for (let j = 1; j < c.length; j++) tail += c[j]!;
  // c_j ~ j^{-3/2}/(2√π): the truncated tail misses ≈ 1/√(π·J) ≈ 1.3e-3 at J = 2e5
  close(tail + 1 / Math.sqrt(Math.PI * c.length), KAPPA, 2e-5);
  close(signKernelSeries(0.5, 60), 1 / 3, 1e-15);
});

test('orthonormal rows + tied decoder √(2/π)Bᵀ: R = 1 − 2n/(πd), any d (spec §5 row 9)', () => {
  for (const [d, n] of [[5, 2], [12, 12], [30, 7]] as const) {
    const B = haarOrthogonal(d, createRng(d)).subMatrix(0, n - 1, 0, d - 1);
    close(signRisk(B.transpose().mul(Math.sqrt(2 / Math.PI)), B), 1 - (2 * n) / (Math.PI * d), 1e-12, `d=${d} n=${n}`);
    close(optimalRisk(B), 1 - (2 * n) / (Math.PI * d), 1e-12);
  }
});

test('A*(B) = √(2/π)Bᵀ for orthonormal rows (spec §5 row 10)', () => {
  const B = haarOrthogonal(9, createRng(2)).subMatrix(0, 3, 0, 8);
  const diff = optimalDecoder(B).sub(B.transpose().mul(Math.sqrt(2 / Math.PI)));
  assert.ok(diff.norm('frobenius') < 1e-12);
});

test('d = 2, n lines equally spaced in angle (spec §5 rows 11a–f)', () => {
  const expected = [[1, 0.68169], [2, 0.36338], [3, 0.283803], [4, 0.254154], [6, 0.232382], [8, 0.224643]] as const;
  for (const [n, value] of expected) {
    const B = new Matrix(n, 2);
    for (let k = 0; k < n; k++) B.setRow(k, [Math.cos((Math.PI * k) / n), Math.sin((Math.PI * k) / n)]);
    const x = Math.PI / (2 * n);
    close(optimalRisk(B), 1 - (Math.PI / 4) * (Math.sin(x) / x) ** 2, 1e-12, `n=${n} closed form`);
    close(optimalRisk(B), value, 1e-6, `n=${n} table`);
  }
});

test('duplicated codes carry no extra information (spec §5 rows 12, 13)', () => {
  const d1 = new Matrix([[1], [-1], [2]]);
  close(optimalRisk(d1), 1 - 2 / Math.PI, 1e-12, 'd = 1');
  const I = Matrix.eye(6);
  close(optimalRisk(Matrix.zeros(12, 6).setSubMatrix(I, 0, 0).setSubMatrix(I, 6, 0)), 1 - 2 / Math.PI, 1e-10, 'B = [I; I]');
});

test('risk is invariant to row scaling and optimal decoder beats any other', () => {
  const rng = createRng(5);
  const B = gaussianMatrix(6, 10, rng);
  const scaled = B.clone();
  for (let j = 0; j < 10; j++) scaled.set(2, j, 3 * B.get(2, j));
  close(optimalRisk(B), optimalRisk(scaled), 1e-12);
  const A = optimalDecoder(B);
  close(signRisk(A, B), optimalRisk(B), 1e-12);
  const perturbed = A.clone().add(gaussianMatrix(10, 6, rng).mul(0.01));
  assert.ok(signRisk(perturbed, B) > signRisk(A, B));
});

test('tied Gram form: exact for orthonormal rows, never below R*', () => {
  const B = haarOrthogonal(8, createRng(4)).subMatrix(0, 3, 0, 7);
  close(tiedGramRisk(B).risk, lowerBound(0.5), 1e-12);
  close(tiedGramRisk(B).alpha, Math.sqrt(2 / Math.PI), 1e-12);
  const G = gaussianMatrix(16, 8, createRng(9));
  assert.ok(tiedGramRisk(G).risk >= optimalRisk(G) - 1e-12);
});

test('Monte Carlo matches the exact risk within 4·sd/√N (spec §5 stochastic)', () => {
  const rng = createRng(11);
  const d = 10;
  const n = 5;
  const B = normalizeRows(gaussianMatrix(n, d, rng));
  const A = optimalDecoder(B).add(gaussianMatrix(d, n, rng).mul(0.05));
  const N = 20000;
  let s = 0;
  let s2 = 0;
  const x = new Float64Array(d);
  for (let t = 0; t < N; t++) {
    rng.fillNormal(x);
    const code = Array.from({ length: n }, (_, i) => {
      let z = 0;
      for (let j = 0; j < d; j++) z += B.get(i, j) * x[j]!;
      return z >= 0 ? 1 : -1;
    });
    let e = 0;
    for (let j = 0; j < d; j++) {
      let xh = 0;
      for (let i = 0; i < n; i++) xh += A.get(j, i) * code[i]!;
      e += (x[j]! - xh) ** 2;
    }
    s += e / d;
    s2 += (e / d) ** 2;
  }
  const mean = s / N;
  const sd = Math.sqrt(s2 / N - mean * mean);
  close(mean, signRisk(A, B), (4 * sd) / Math.sqrt(N), 'MC vs exact');
});

test('general Σ: Σ = I reproduces the isotropic risk; a scaled Σ scales it', () => {
  const B = gaussianMatrix(4, 6, createRng(1));
  close(optimalRisk(B, { sqrtSigma: Matrix.eye(6) }), optimalRisk(B), 1e-13);
  close(optimalRisk(B, { sqrtSigma: Matrix.eye(6).mul(2) }), 4 * optimalRisk(B), 1e-12);
});

test.run();
