import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bgPosterior } from '../../../science/p2/bg-posterior.ts';
import { mmseBg } from '../../../science/p2/mmse-bg.ts';
import { signPosterior } from '../../../science/p2/sign-posterior.ts';
import { vU } from '../../../science/p2/v-u.ts';

const test = suite('science/p2/scalar-denoisers');
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b} (tol ${tol})`);

// P2 spec §5 N3, tolerance 1e-6.
test('N3: BG posterior mean and variance', () => {
  const rows: [number, number, number, number, number][] = [
    [1.0, 0.5, 0.2, 0.143278, 0.1813631],
    [0.2, 0.5, 0.2, 0.0131822, 0.0351784],
    [3.0, 1.0, 0.1, 1.819145, 2.2583977],
    [-2.0, 0.25, 0.5, -1.7734365, 0.2293786],
  ];
  for (const [y, tau, p, m, v] of rows) {
    const post = bgPosterior(y, tau, p);
    near(post.mean, m, 1e-6, `mean(${y},${tau},${p})`);
    near(post.var, v, 1e-6, `var(${y},${tau},${p})`);
  }
});

test('BG posterior stays finite far in the tails (log-ratio form)', () => {
  const big = bgPosterior(1e4, 1e-3, 0.01);
  assert.ok(Number.isFinite(big.mean) && Number.isFinite(big.var));
  near(big.mean, (100 / (100 + 1e-3)) * 1e4, 1e-6, 'slab mean');
  // ỹ = 1e-2 at τ = 1e-6 is 10σ from 0: the spike is ruled out, mean ≈ ỹ, var ≈ τ.
  const slab = bgPosterior(1e-2, 1e-6, 0.5);
  near(slab.mean, 1e-2, 1e-8, 'tiny-τ mean');
  near(slab.var, 1e-6, 1e-8, 'tiny-τ var');
  assert.equal(bgPosterior(0, 1e-300, 0.5), { mean: 0, var: 0 });
});

// N3 (corrected), tolerance 1e-6; the p = 1 column is 1/(1 + snr).
test('N3: mmse_BG(snr, p)', () => {
  const ps = [0.05, 0.1, 0.3, 0.5, 1];
  const table: [number, number[]][] = [
    [0.25, [0.434055, 0.607792, 0.770092, 0.793213, 0.8]],
    [1.0, [0.11626, 0.206724, 0.395356, 0.464482, 0.5]],
    [4.0, [0.024483, 0.048086, 0.119861, 0.163623, 0.2]],
  ];
  for (const [snr, vals] of table) ps.forEach((p, k) => near(mmseBg(snr, p), vals[k]!, 1e-6, `mmse(${snr},${p})`));
});

test('N3: sign posterior', () => {
  const rows: [number, number, number, number, number][] = [
    [1, 0.3, 0.5, 0.6880928, 0.2329562],
    [-1, 0.3, 0.5, -0.4680235, 0.1405469],
    [1, -2.0, 0.1, 0.0477655, 0.0021875],
    [1, 0, 1, Math.sqrt(2 / Math.PI), 0.3633802],
  ];
  for (const [z, m, tau, mean, v] of rows) {
    const post = signPosterior(z, m, tau);
    near(post.mean, mean, 1e-6, `mean(${z},${m},${tau})`);
    near(post.var, v, 1e-6, `var(${z},${m},${tau})`);
  }
});

test('sign posterior at a ≪ −30 has no 0/0 (λ via erfcx)', () => {
  const post = signPosterior(1, -50, 1); // u ~ N(−50, 1) conditioned on u > 0
  assert.ok(post.mean > 0 && post.mean < 0.05, `mean ${post.mean}`);
  assert.ok(post.var > 0 && post.var < 1e-3, `var ${post.var}`);
});

// §2.6 checked values (7 significant digits given); V_u(1) = 1 − 2/π.
test('V_u(τ), accurate for small τ where Gauss–Hermite fails', () => {
  near(vU(1), 1 - 2 / Math.PI, 1e-12, 'V_u(1)');
  near(vU(0.5), 0.259731, 1e-6, 'V_u(0.5)');
  near(vU(0.1), 0.0774652, 1e-7, 'V_u(0.1)');
  near(vU(0.01), 0.0092802, 1e-7, 'V_u(0.01)');
  near(vU(1e-3), 0.000977214, 1e-9, 'V_u(1e-3)');
});

test.run();
