import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalSpectrum, deathThreshold, fixedPoint, restrictedFixedPoint } from '../../../science/p3/index.ts';

const test = suite('science/p3/fixed-point');
const s = canonicalSpectrum();
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

test('C1–C4: tanh plateaus at λ = 0: c = 2.57144 on plateau 1, escape rates 1.55555 and 0.33020, R = 5/12 and 1/12', () => {
  const p1 = restrictedFixedPoint(s, 'tanh', 0, 1);
  const p2 = restrictedFixedPoint(s, 'tanh', 0, 2);
  close(p1.c[0]!, 2.57144, 1e-4, 'C1');
  close(p1.rates[1]!, 1.55555, 1e-4, 'C2');
  close(p2.rates[2]!, 0.3302, 1e-4, 'C3');
  close(p1.R, 0.416667, 1e-6, 'C4 plateau 1');
  close(p2.R, 0.083333, 1e-6, 'C4 plateau 2');
  close(p1.q, 3.42858, 1e-4, 'plateau-1 q');
  close(p2.q, 5.04748, 1e-4, 'plateau-2 q');
});

test('erf plateau table (§2.6): escape rates 1.60310, 0.33827; c = 2.49517, 2.95626', () => {
  close(restrictedFixedPoint(s, 'erf', 0, 1).rates[1]!, 1.6031, 1e-4, 'erf rate c2');
  close(restrictedFixedPoint(s, 'erf', 0, 2).rates[2]!, 0.33827, 1e-4, 'erf rate c3');
  close(restrictedFixedPoint(s, 'erf', 0, 1).c[0]!, 2.49517, 1e-4, 'erf plateau-1 c');
  close(restrictedFixedPoint(s, 'erf', 0, 2).c[0]!, 2.95626, 1e-4, 'erf plateau-2 c');
});

test('E1: tanh λ = 0.1 fixed point g = (0.9162, 0.8101, 0.3855), R = 0.05285 (1e-3)', () => {
  const fp = fixedPoint(s, 'tanh', 0.1);
  [0.9162, 0.8101, 0.3855].forEach((g, k) => close(fp.g[k]!, g, 1e-3, `g${k + 1}`));
  close(fp.R, 0.05285, 1e-3, 'R');
  assert.equal(fp.active, [0, 1, 2]);
});

test('E2: tanh λ = 0.5 fixed point g = (0.7436, 0.3198, 0), R = 0.32518 (1e-3); subspace 3 inactive and stable', () => {
  const fp = fixedPoint(s, 'tanh', 0.5);
  [0.7436, 0.3198, 0].forEach((g, k) => close(fp.g[k]!, g, 1e-3, `g${k + 1}`));
  close(fp.R, 0.32518, 1e-3, 'R');
  assert.equal(fp.active, [0, 1]);
  assert.ok(fp.rates[2]! < 0);
});

test('E4: linear g_k = (1 − λ/(2λ_k))₊, e.g. λ = 1 → (0.875, 0.5, 0), R = 0.1875 (1e-6)', () => {
  for (const lambda of [0.1, 0.6, 1, 3]) {
    const fp = fixedPoint(s, 'linear', lambda);
    s.levels.forEach((l, k) => close(fp.g[k]!, Math.max(0, 1 - lambda / (2 * l)), 1e-6, `λ=${lambda} g${k + 1}`));
  }
  close(fixedPoint(s, 'linear', 1).R, 0.1875, 1e-6, 'R(λ=1)');
});

test('E5: ReLU g_k = (1 − λ/λ_k)₊, e.g. λ = 0.5 → (0.875, 0.5, 0), R = 0.1875 (1e-6)', () => {
  for (const lambda of [0.1, 0.5, 2]) {
    const fp = fixedPoint(s, 'relu', lambda);
    s.levels.forEach((l, k) => close(fp.g[k]!, Math.max(0, 1 - lambda / l), 1e-6, `λ=${lambda} g${k + 1}`));
  }
  close(fixedPoint(s, 'relu', 0.5).R, 0.1875, 1e-6, 'R(λ=0.5)');
});

test('E6: tanh death thresholds 0.1756 (subspace 3), 0.8871 (subspace 2) (2e-3); linear 0.5, 2; ReLU 0.25, 1', () => {
  close(deathThreshold(s, 'tanh', 3), 0.1756, 2e-3, 'tanh 3');
  close(deathThreshold(s, 'tanh', 2), 0.8871, 2e-3, 'tanh 2');
  close(deathThreshold(s, 'linear', 3), 0.5, 1e-6, 'linear 3');
  close(deathThreshold(s, 'linear', 2), 2, 1e-6, 'linear 2');
  close(deathThreshold(s, 'relu', 3), 0.25, 1e-6, 'relu 3');
  close(deathThreshold(s, 'relu', 2), 1, 1e-6, 'relu 2');
});

test('R2 tanh table (λ = 0.05, 0.2, 1, 2): gains, R and q (1e-3)', () => {
  const rows: [number, number[], number, number][] = [
    [0.05, [0.9522, 0.8965, 0.6738], 0.01548, 4.8251],
    [0.2, [0.8652, 0.668, 0], 0.14432, 3.6185],
    [1, [0.629, 0, 0], 0.60018, 1.6197],
    [2, [0.4303, 0, 0], 0.84939, 0.9259],
  ];
  for (const [lambda, g, R, q] of rows) {
    const fp = fixedPoint(s, 'tanh', lambda);
    g.forEach((gk, k) => close(fp.g[k]!, gk, 1e-3, `λ=${lambda} g${k + 1}`));
    close(fp.R, R, 1e-3, `λ=${lambda} R`);
    close(fp.q, q, 1e-3, `λ=${lambda} q`);
  }
});

test.run();
