import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalSpectrum, crossingTime, fixedPoint, halfGainTimes, integrateReducedOde, lyapunov, phi1Fn } from '../../../science/p3/index.ts';

const test = suite('science/p3/reduced-ode');
const s = canonicalSpectrum();
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);

test('D1: R(t) tanh λ = 0 at t = 1, 2, 5, 10, 20 (2e-4); F2: initial R = 1.74965 (1e-5)', () => {
  const tr = integrateReducedOde(s, 'tanh', [0, 1, 2, 5, 10, 20]);
  close(tr.R[0]!, 1.74965, 1e-5, 'F2');
  [0.54309, 0.41575, 0.26402, 0.08316, 0.07577].forEach((R, i) => close(tr.R[i + 1]!, R, 2e-4, `R(${tr.t[i + 1]})`));
  // R1 table: c at t = 2 and 10
  close(tr.c[2]![0]!, 2.4211, 1e-4, 'c1(2)');
  close(tr.c[4]![1]!, 2.961, 1e-3, 'c2(10)');
});

test('B1, B2, B5: tanh λ = 0 at T = 80: q* = 5.50407, c_k = 3.14518, g_k = 1', () => {
  const tr = integrateReducedOde(s, 'tanh', [80]);
  close(tr.q[0]!, 5.50407, 1e-4, 'B1 q*');
  for (let k = 0; k < 3; k++) {
    close(tr.c[0]![k]!, 3.14518, 1e-3, `B2 c${k + 1}`);
    close(tr.g[0]![k]!, 1, 1e-3, `B5 g${k + 1}`);
  }
});

test('B3, B4, B5: erf λ = 0 at T = 80: q* = 5.37982 (root of q² − 1.75²(π/2)q − 1.75²), c* = 3.07418', () => {
  const tr = integrateReducedOde(s, 'erf', [80]);
  const b = 1.75 ** 2 * (Math.PI / 2);
  close((b + Math.sqrt(b * b + 4 * 1.75 ** 2)) / 2, 5.37982, 1e-5, 'closed-form root');
  close(tr.q[0]!, 5.37982, 1e-4, 'B3 q*');
  for (let k = 0; k < 3; k++) {
    close(tr.c[0]![k]!, 3.07418, 1e-4, `B4 c${k + 1}`);
    close(tr.g[0]![k]!, 1, 1e-3, `B5 g${k + 1}`);
  }
});

test('D2, D4, D5: interpolated half-gain times (corrected spec, 0.005): tanh 0.7808, 5.7553, 29.309; linear ln(9999)/(4λ_k); tanh λ = 0.1 relative to g(∞)', () => {
  halfGainTimes(s, 'tanh', 40).forEach((t, k) => close(t, [0.7808, 5.7553, 29.309][k]!, 0.005, `D2 tanh t½,${k + 1}`));
  halfGainTimes(s, 'linear', 15).forEach((t, k) => close(t, Math.log(9999) / (4 * s.levels[k]!), 0.005, `D4 linear t½,${k + 1}`));
  halfGainTimes(s, 'linear', 15).forEach((t, k) => close(t, [0.5756, 2.3026, 9.2102][k]!, 0.005, `D4 spec t½,${k + 1}`));
  const gInf = fixedPoint(s, 'tanh', 0.1).g;
  halfGainTimes(s, 'tanh', 80, { lambda: 0.1, targets: gInf }).forEach((t, k) => close(t, [0.7594, 6.2558, 60.6417][k]!, 0.005, `D5 t½,${k + 1}`));
  // never reached before tEnd: NaN, not a grid end point
  assert.ok(Number.isNaN(halfGainTimes(s, 'tanh', 10)[2]!));
});

test('crossingTime: linear interpolation between bracketing samples; NaN when never reached', () => {
  close(crossingTime([0, 1, 2, 3], [0, 0.2, 0.6, 1], 0.5), 1.75, 1e-12, 'crossing');
  close(crossingTime([1, 2], [0.7, 0.9], 0.5), 1, 0, 'starts above');
  assert.ok(Number.isNaN(crossingTime([0, 1], [0, 0.4], 0.5)));
});

test('F1: the Lyapunov function F never increases along the ODE (λ = 0 and 0.1, tanh and erf; 1e-12)', () => {
  for (const act of ['tanh', 'erf'] as const) {
    for (const lambda of [0, 0.1]) {
      const phi = phi1Fn(act);
      let prev = Infinity;
      let worst = -Infinity;
      integrateReducedOde(s, phi, [40], {
        lambda,
        onStep: (_t, c) => {
          const F = lyapunov(c, s, phi, lambda);
          worst = Math.max(worst, F - prev);
          prev = F;
        },
      });
      assert.ok(worst <= 1e-12, `${act} λ=${lambda}: largest increase ${worst}`);
    }
  }
});

test('R3: tanh λ = 0.1 gains at t = 7 and 50 (table of §3.2, 1e-4)', () => {
  const tr = integrateReducedOde(s, 'tanh', [7, 50], { lambda: 0.1 });
  [0.901, 0.5678, 0.0002].forEach((g, k) => close(tr.g[0]![k]!, g, 1e-4, `g${k + 1}(7)`));
  [0.9226, 0.8174, 0.0703].forEach((g, k) => close(tr.g[1]![k]!, g, 1e-4, `g${k + 1}(50)`));
});

test.run();
