import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng, haarFrameRows } from '../../../science/numerics/index.ts';
import { bgMaskMoments } from '../../../science/p2/bg-mask-moments.ts';
import { rGauss } from '../../../science/p2/channel.ts';
import { sampleSparse, type NonzeroLaw } from '../../../science/p2/data.ts';
import { empiricalMoments } from '../../../science/p2/empirical-moments.ts';
import { localization, orthogonalityDefect, rowNormalize } from '../../../science/p2/encoder-shape.ts';
import { optimalLinearRisk } from '../../../science/p2/optimal-linear-decoder.ts';

const test = suite('science/p2/encoder-risks');

const identity = (d: number) => {
  const B = new Float64Array(d * d);
  for (let i = 0; i < d; i++) B[i * d + i] = 1;
  return B;
};
const sampler = (p: number, law: NonzeroLaw) => (out: Float64Array, rng: Parameters<typeof sampleSparse>[2]) => sampleSparse(out, p, rng, { law });

// P2 spec §5 N8 (tolerance ±0.01) at d = 100 with 4e4 samples instead of d = 200, 1e5:
// the identity risks do not depend on d, and the finite-sample bias is ≈ n/N·R ≤ 0.002.
test('N8: identity encoder, coin-flip sign(0): SR p = 0.5/0.7/0.9 and BG p = 0.3', async () => {
  const d = 100;
  const cases: [NonzeroLaw, number, number][] = [['rademacher', 0.5, 0.5], ['rademacher', 0.7, 0.3], ['rademacher', 0.9, 0.1], ['gauss', 0.3, 0.809]];
  for (const [law, p, want] of cases) {
    const m = await empiricalMoments(identity(d), d, d, sampler(p, law), createRng(5), { samples: 40000, signZero: 'coin' });
    const R = optimalLinearRisk(m);
    assert.ok(Math.abs(R - want) < 0.01, `${law} p=${p}: ${R} vs ${want}`);
  }
});

test('N8: rownorm(0.98 I + 0.2 O) approaches the dithered identity (SR p = 0.5/0.9)', async () => {
  const d = 100;
  const rng = createRng(6);
  const O = haarFrameRows(d, d, rng);
  const B = rowNormalize(O.map((v, k) => 0.2 * v + (k % (d + 1) === 0 ? 0.98 : 0)), d, d);
  for (const [p, want] of [[0.5, 0.413], [0.9, 0.095]] as const) {
    const R = optimalLinearRisk(await empiricalMoments(B, d, d, sampler(p, 'rademacher'), rng, { samples: 40000 }));
    assert.ok(Math.abs(R - want) < 0.01, `p=${p}: ${R} vs ${want}`);
  }
});

test('exact mask-conditional BG moments: identity gives 1 − 2rp/π, Haar gives R_Gauss (§2.1)', () => {
  const d = 40;
  const Rid = optimalLinearRisk(bgMaskMoments(identity(d), d, d, 0.3, createRng(7), { masks: 512 }));
  assert.ok(Math.abs(Rid - (1 - 0.6 / Math.PI)) < 0.01, `identity ${Rid}`);
  const n = 20;
  const H = haarFrameRows(n, d, createRng(8));
  const Rh = optimalLinearRisk(bgMaskMoments(H, n, d, 0.3, createRng(9), { masks: 256 }));
  assert.ok(Math.abs(Rh - rGauss(0.5)) < 0.015, `Haar ${Rh} vs ${rGauss(0.5)}`);
});

test('encoder shape: ℓ and orthogonality of the identity and of Haar', () => {
  const d = 64;
  assert.ok(Math.abs(localization(identity(d), d, d) - 1) < 1e-12);
  assert.ok(orthogonalityDefect(identity(d), d, d) < 1e-12);
  const H = haarFrameRows(d, d, createRng(10));
  const ell = localization(H, d, d);
  assert.ok(ell > 0.06 && ell < 0.16, `Haar ℓ at d = 64: ${ell} (spec ≈ 0.105)`);
});

test.run();
