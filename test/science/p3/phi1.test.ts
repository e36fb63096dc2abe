import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { phi1 } from '../../../science/p3/phi1.ts';
import { phi1Fn } from '../../../science/p3/phi1-fn.ts';

const test = suite('science/p3/phi1');
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

test('A1: erf φ1(2) = 0.491379 (1e-6); also φ1(1), φ1(5) of §2.4', () => {
  close(phi1(2, 'erf').phi1, 0.491379, 1e-6, 'erf φ1(2)');
  close(phi1(1, 'erf').phi1, 0.623686, 1e-6, 'erf φ1(1)');
  close(phi1(5, 'erf').phi1, 0.336071, 1e-6, 'erf φ1(5)');
});

test('A2–A4: tanh φ1(1) = 0.6057055, φ1′(1) = −0.181798, φ1(5) = 0.3315551', () => {
  close(phi1(1, 'tanh').phi1, 0.6057055, 1e-6, 'A2');
  close(phi1(1, 'tanh').dphi1, -0.181798, 1e-5, 'A3');
  close(phi1(5, 'tanh').phi1, 0.3315551, 1e-6, 'A4');
});

test('tanh reference table of §2.4 (φ1 to 1e-8, φ1′ to 1e-6), φ1(0) = 1, φ1′(0) = −1', () => {
  const table: [number, number, number][] = [
    [0, 1, -1],
    [0.5, 0.72632369, -0.32463],
    [1, 0.60570551, -0.181798],
    [2, 0.48002425, -0.088476],
    [5, 0.33155511, -0.028766],
    [10, 0.24273372, -0.01125],
  ];
  for (const [q, p, dp] of table) {
    const v = phi1(q, 'tanh');
    close(v.phi1, p, 1e-8, `φ1(${q})`);
    close(v.dphi1, dp, 1e-6, `φ1′(${q})`);
  }
});

test('tanh: the two regimes agree at the switch q = 0.02, and φ1′ matches a central difference', () => {
  const a = phi1(0.02, 'tanh');
  const b = phi1(0.02, 'tanh', { switchQ: 0.03 });
  close(a.phi1, b.phi1, 1e-12, 'Simpson vs Hermite φ1');
  close(a.dphi1, b.dphi1, 1e-12, 'Simpson vs Hermite φ1′');
  for (const q of [0.01, 0.3, 3]) {
    const h = 1e-5;
    close(phi1(q, 'tanh').dphi1, (phi1(q + h, 'tanh').phi1 - phi1(q - h, 'tanh').phi1) / (2 * h), 1e-8, `φ1′(${q})`);
    close(phi1(q, 'tanh').d2phi1, (phi1(q + h, 'tanh').dphi1 - phi1(q - h, 'tanh').dphi1) / (2 * h), 1e-6, `φ1″(${q})`);
  }
});

test('closed forms: linear 1, ReLU ½ (φ1′ = 0), erf φ1′ = −(π/4)(1 + πq/2)^{-3/2}; q < 0 rejected', () => {
  assert.equal([phi1(3, 'linear').phi1, phi1(3, 'linear').dphi1], [1, 0]);
  assert.equal([phi1(3, 'relu').phi1, phi1(3, 'relu').dphi1], [0.5, 0]);
  close(phi1(0, 'erf').dphi1, -Math.PI / 4, 1e-15, 'erf φ1′(0)');
  assert.throws(() => phi1(-1, 'tanh'), /q must be ≥ 0/);
});

test('phi1Fn (tanh table) equals the direct values to 1e-10 on q ∈ [0, 60] and beyond the table', () => {
  const f = phi1Fn('tanh');
  for (let i = 0; i <= 400; i++) {
    const q = 60 * (i / 400) ** 3 + 1e-3 * (i % 7);
    const v = phi1(q, 'tanh');
    const w = f(q);
    close(w[0]!, v.phi1, 1e-10, `φ1(${q})`);
    close(w[1]!, v.dphi1, 1e-10, `φ1′(${q})`);
  }
  close(f(250)[0]!, phi1(250, 'tanh').phi1, 1e-14, 'beyond qMax');
});

test.run();
