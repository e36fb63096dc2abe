import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../science/numerics/index.ts';
import { sampleSparse } from '../../../science/p2/data.ts';
import { empiricalMoments } from '../../../science/p2/empirical-moments.ts';
import { localization } from '../../../science/p2/encoder-shape.ts';
import { lossDitheredIdentity } from '../../../science/p2/identity-risks.ts';
import { optimalLinearRisk } from '../../../science/p2/optimal-linear-decoder.ts';
import { trainG2 } from '../../../science/p2/train-g2.ts';

const test = suite('science/p2/train-g2');

// P2 spec §5 N9 at reduced size (d = 32, 800 steps at lr 0.01, batch 256, instead of
// d = 64, 4000 steps at lr 3e-3, batch 1024). The identity side is d-independent:
// SR p = 0.9 → ℓ(B) > 0.95 and R ≈ L_did(0.9) = 0.095 (±0.01).
test('N9 (reduced): SR p = 0.9 — GD finds the dithered identity', async () => {
  const p = 0.9;
  const rng = createRng(21);
  const res = await trainG2(p, rng, { d: 32, law: 'rademacher', steps: 800, batch: 256, lr: 0.01 });
  const ell = localization(res.B, res.n, res.d);
  assert.ok(ell > 0.95, `ℓ(B) = ${ell}`);
  const m = await empiricalMoments(res.B, res.n, res.d, (o, r) => sampleSparse(o, p, r, { law: 'rademacher' }), rng, { samples: 20000, signZero: 'plus' });
  const R = optimalLinearRisk(m);
  assert.ok(Math.abs(R - lossDitheredIdentity(p, 1)) < 0.01, `R* = ${R}`);
  // The loss curve decreases from the trivial 1 towards R.
  assert.ok(res.curve[0]!.loss > res.curve.at(-1)!.loss + 0.3);
});

// The rotation side: BG p = 0.3 stays delocalized (ℓ ≪ 1) with R near R_Gauss(1).
test('N9 (reduced): BG p = 0.3 — GD stays delocalized near R_Gauss', async () => {
  const p = 0.3;
  const rng = createRng(22);
  const res = await trainG2(p, rng, { d: 32, law: 'gauss', steps: 800, batch: 256, lr: 0.01 });
  const ell = localization(res.B, res.n, res.d);
  assert.ok(ell < 0.3, `ℓ(B) = ${ell}`);
  const R = optimalLinearRisk(await empiricalMoments(res.B, res.n, res.d, (o, r) => sampleSparse(o, p, r), rng, { samples: 20000, signZero: 'plus' }));
  assert.ok(R > 0.3634 - 0.01 && R < 0.3634 + 0.025, `R* = ${R}`);
});

test.run();
