import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import p2F1 from '../../stages/p2-f1.ts';
import p2F2 from '../../stages/p2-f2.ts';
import p2F3 from '../../stages/p2-f3.ts';
import p2F4 from '../../stages/p2-f4.ts';
import p2F5 from '../../stages/p2-f5.ts';
import p2Gd from '../../stages/p2-gd.ts';
import p2VampSim from '../../stages/p2-vamp-sim.ts';

const test = suite('stages/p2');

/** Tiny sizes: these tests check the wiring (grids, inputs, FigureData), not the numbers. */
const params = {
  p2: {
    gd: { steps: 30, batch: 64, lr: 0.01, beta: 1, evalSamples: 2000, runs: [{ law: 'rademacher', d: 8, r: [1], p: [0.4, 0.8], seeds: 1 }, { law: 'gauss', d: 8, r: [0.5, 1], p: [0.3], seeds: 1 }] },
    sim: { d: 60, samples: 20, layers: 5, seeds: 2, r: [0.5], p: [0.3], extra: [{ r: 2, p: 0.3 }] },
    f1: { d: 8, identityP: [0.3] },
    f2: { law: 'rademacher' },
    f3: { d: 8, panels: [{ law: 'rademacher', p: 0.4, expect: 'rotation' }, { law: 'rademacher', p: 0.8, expect: 'permutation' }, { law: 'gauss', p: 0.3, expect: 'rotation' }] },
    f4: { panels: [0.3], theoryR: [0.5, 1] },
    f5: { cases: [{ r: 0.5, p: 0.3 }, { r: 2, p: 0.3 }] },
  },
};

test('p2-vamp-sim grid: F4 grid ∪ extra cases × seeds', () => {
  const ids = gridOf(p2VampSim, params).map((g) => `${g.r},${g.p},${g.seed}`);
  assert.equal(ids, ['0.5,0.3,0', '0.5,0.3,1', '2,0.3,0', '2,0.3,1']);
});

test('p2-vamp-sim → p2-f4, p2-f5: FigureData with theory lines, sim points and checks', async () => {
  const sims = [];
  for (const inst of gridOf(p2VampSim, params)) sims.push(await runStage(p2VampSim, { params, instance: inst, seed: 3 + sims.length }));
  const f4 = (await runStage(p2F4, { params, inputs: { 'p2-vamp-sim': sims } })).json<FigureData>('figure.json');
  assert.is(f4.id, 'p2-f4');
  assert.ok(f4.rows.some((r) => r.kind === 'theory' && r.series === 'L∞ (SE fixed point)'));
  assert.ok(f4.rows.some((r) => r.kind === 'experiment' && r.n === 2 && r.y_lo !== undefined));
  assert.ok(f4.checks.some((c) => c.name.startsWith('F4 theory') && c.pass));
  const f5 = (await runStage(p2F5, { params, inputs: { 'p2-vamp-sim': sims } })).json<FigureData>('figure.json');
  assert.is(f5.rows.filter((r) => r.kind === 'experiment').length, 10); // 2 cases × 5 layers
  assert.is(f5.checks.length, 10);
});

test('p2-gd → p2-f1, p2-f2, p2-f3 (heat map with value)', async () => {
  const runs = [];
  for (const inst of gridOf(p2Gd, params)) runs.push(await runStage(p2Gd, { params, instance: inst, seed: 7 + runs.length }));
  assert.is(runs.length, 4);
  const res = runs[0]!.json<{ risk: number; ell: number; curve: unknown[] }>('result.json');
  assert.ok(res.risk > 0 && res.risk < 1.2 && res.ell > 0 && res.ell <= 1 && res.curve.length > 0);
  const inputs = { 'p2-gd': runs };
  const f1 = (await runStage(p2F1, { params, inputs })).json<FigureData>('figure.json');
  assert.is(f1.checks.length, 2); // gauss d = 8 at r = 0.5 and 1
  const f2 = (await runStage(p2F2, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(f2.rows.some((r) => r.panel === 'rademacher: ℓ(B)'));
  assert.ok(f2.checks.some((c) => c.name.includes('min(L_rot, L_did)')));
  const f3 = (await runStage(p2F3, { params, inputs })).json<FigureData>('figure.json');
  assert.is(f3.kind, 'heatmap');
  assert.is(f3.rows.length, 3 * 8 * 8);
  assert.ok(f3.rows.every((r) => r.value !== undefined && r.value >= 0 && r.value <= 1));
});

test.run();
