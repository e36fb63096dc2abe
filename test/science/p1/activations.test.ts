import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Matrix } from 'ml-matrix';
import { createRng, gaussHermite, gaussianMatrix, haarFrame } from '../../../science/numerics/index.ts';
import {
  activation,
  activationConstants,
  activationDecoder,
  activationRisk,
  erfKernel,
  heuristicActivationRisk,
  optimalRisk,
  reluKernel,
  type ActivationName,
} from '../../../science/p1/index.ts';

const test = suite('science/p1/activations');

/** Independent 2-D Gauss–Hermite E[σ(u)σ(v)], v = ρu + √(1−ρ²)z (smooth σ only). */
function kernelGh(f: (z: number) => number, rho: number, n = 160): number {
  const r = gaussHermite(n);
  const c = Math.sqrt(1 - rho * rho);
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += r.weights[i]! * r.weights[j]! * f(r.nodes[i]!) * f(rho * r.nodes[i]! + c * r.nodes[j]!);
  return s;
}

/** Monte Carlo E[σ(u)σ(v)] with its standard error. */
function kernelMc(f: (z: number) => number, rho: number, N: number, seed: number): { mean: number; se: number } {
  const rng = createRng(seed);
  const c = Math.sqrt(1 - rho * rho);
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < N; k++) {
    const u = rng.normal();
    const y = f(u) * f(rho * u + c * rng.normal());
    s += y;
    s2 += y * y;
  }
  const mean = s / N;
  return { mean, se: Math.sqrt((s2 / N - mean * mean) / N) };
}

test('κ_σ table (spec §2.4) at its printed precision', () => {
  const rows: [ActivationName, number[], number][] = [
    ['sign', [0, 0.79788, 1, 0.5708, 0.63662], 5e-6],
    // ReLU 1/(1+κ) = 1/(2 − 2/π) = 0.733471 (spec §2.4, corrected).
    ['relu', [0.39894, 0.5, 0.5, 0.36338, 0.733471], 5e-6],
    ['tanh', [0, 0.60571, 0.39429, 0.0747, 0.9305], 5e-5],
  ];
  for (const [name, expected, tol] of rows) {
    const c = activationConstants(activation(name).f);
    const got = [c.mu0, c.mu1, c.second, c.kappa, c.linearShare];
    got.forEach((v, k) => assert.ok(Math.abs(v - expected[k]!) <= tol, `${name}[${k}]: ${v} vs ${expected[k]}`));
  }
  assert.ok(Math.abs(activationConstants(activation('sign').f).kappa - (Math.PI / 2 - 1)) < 1e-12);
  assert.ok(Math.abs(activationConstants(activation('relu').f).kappa - (1 - 2 / Math.PI)) < 1e-12);
});

test('catalogue constants agree with quadrature (μ₁, E σ² = k(1))', () => {
  for (const name of ['sign', 'relu', 'erf', 'tanh'] as const) {
    const a = activation(name);
    const c = activationConstants(a.f);
    assert.ok(Math.abs(a.mu1 - c.mu1) < 1e-12, `${name} μ₁ ${a.mu1} vs ${c.mu1}`);
    assert.ok(Math.abs(a.second - c.second) < 1e-12, `${name} Eσ² ${a.second} vs ${c.second}`);
    assert.ok(Math.abs(a.kernel(1) - a.second) < 1e-12, `${name} k(1) ${a.kernel(1)} vs ${a.second}`);
  }
});

test('closed-form kernels: ReLU endpoints, erf and tanh vs 2-D Gauss–Hermite (1e-10)', () => {
  assert.ok(Math.abs(reluKernel(1) - 0.5) < 1e-15 && Math.abs(reluKernel(0) - 1 / (2 * Math.PI)) < 1e-15 && Math.abs(reluKernel(-1)) < 1e-15);
  const tanh = activation('tanh');
  for (const rho of [-0.8, -0.2, 0.3, 0.6, 0.95]) {
    assert.ok(Math.abs(erfKernel(rho) - kernelGh((z) => activation('erf').f(z), rho)) < 1e-10, `erf ρ=${rho}`);
    assert.ok(Math.abs(erfKernel(rho, { scale: 2 }) - kernelGh((z) => activation('erf').f(2 * z), rho)) < 1e-9, `erf(2z) ρ=${rho}`);
    assert.ok(Math.abs(tanh.kernel(rho) - kernelGh(Math.tanh, rho)) < 1e-10, `tanh ρ=${rho}: ${tanh.kernel(rho)} vs ${kernelGh(Math.tanh, rho)}`);
  }
});

test('all kernels vs Monte Carlo (N = 2e5, within 4·se)', () => {
  let seed = 1;
  for (const name of ['sign', 'relu', 'erf', 'tanh'] as const) {
    const a = activation(name);
    for (const rho of [-0.7, 0.3, 0.9]) {
      const mc = kernelMc(a.f, rho, 200_000, seed++);
      assert.ok(Math.abs(a.kernel(rho) - mc.mean) <= 4 * mc.se, `${name} ρ=${rho}: ${a.kernel(rho)} vs MC ${mc.mean} ± ${mc.se}`);
    }
  }
});

test('exact risk: sign matches optimalRisk; odd σ with orthonormal rows gives 1 − r·μ₁²/Eσ²', () => {
  const rng = createRng(3);
  const B = gaussianMatrix(7, 12, rng);
  assert.ok(Math.abs(activationRisk(B, activation('sign')) - optimalRisk(B)) < 1e-12);
  const Q = haarFrame(6, 12, rng);
  for (const name of ['sign', 'erf', 'tanh'] as const) {
    const a = activation(name);
    const exact = 1 - (0.5 * a.mu1 * a.mu1) / a.second;
    assert.ok(Math.abs(activationRisk(Q, a) - exact) < 1e-12, `${name}: ${activationRisk(Q, a)} vs ${exact}`);
    const c = activationConstants(a.f);
    assert.ok(Math.abs(heuristicActivationRisk(0.5, c.kappa) - exact) < 1e-12, `${name}: heuristic is exact for odd σ`);
  }
});

test('ReLU with ±pairs (spec §2.4 caveat 2): B = [I; −I] reconstructs exactly; [I; −I_k] near (2−r)κ/(1+κ)', () => {
  const relu = activation('relu');
  const d = 20;
  const full = new Matrix(2 * d, d);
  for (let i = 0; i < d; i++) {
    full.set(i, i, 1);
    full.set(d + i, i, -1);
  }
  assert.ok(Math.abs(activationRisk(full, relu)) < 1e-10, `r = 2: ${activationRisk(full, relu)}`);
  const half = full.subMatrix(0, d + d / 2 - 1, 0, d - 1); // r = 1.5
  const kappa = 1 - 2 / Math.PI;
  const asymptotic = (0.5 * kappa) / (1 + kappa);
  const R = activationRisk(half, relu);
  // Finite d: the unpaired coordinates see the other codes' mean only through the decoder, not
  // a bias, so R lies above the d → ∞ value and well below the incoherent-frame 0.195.
  assert.ok(R > asymptotic && R < 0.15, `r = 1.5, d = ${d}: ${R} vs ${asymptotic}`);
});

test('exact ReLU/tanh risk vs Monte Carlo of ‖x − A*σ(Bx)‖²/d (within 4·sd/√N)', () => {
  const rng = createRng(11);
  const d = 8;
  const B = gaussianMatrix(12, d, rng);
  for (const name of ['relu', 'tanh'] as const) {
    const a = activation(name);
    const W = B.clone();
    for (let i = 0; i < W.rows; i++) {
      const norm = Math.hypot(...W.getRow(i));
      for (let j = 0; j < d; j++) W.set(i, j, W.get(i, j) / norm);
    }
    const A = activationDecoder(B, a);
    const N = 100_000;
    let s = 0;
    let s2 = 0;
    const x = new Float64Array(d);
    const code = new Float64Array(W.rows);
    for (let k = 0; k < N; k++) {
      rng.fillNormal(x);
      for (let i = 0; i < W.rows; i++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += W.get(i, j) * x[j]!;
        code[i] = a.f(z);
      }
      let e = 0;
      for (let j = 0; j < d; j++) {
        let y = 0;
        for (let i = 0; i < W.rows; i++) y += A.get(j, i) * code[i]!;
        e += (x[j]! - y) ** 2;
      }
      s += e / d;
      s2 += (e / d) ** 2;
    }
    const mean = s / N;
    const sd = Math.sqrt(s2 / N - mean * mean);
    const exact = activationRisk(B, a);
    assert.ok(Math.abs(mean - exact) <= (4 * sd) / Math.sqrt(N), `${name}: MC ${mean} vs exact ${exact} (sd ${sd})`);
  }
});

test.run();
