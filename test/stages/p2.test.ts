import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import p2F1 from '../../stages/p2-f1.ts';
import p2F2 from '../../stages/p2-f2.ts';
import p2F3 from '../../stages/p2-f3.ts';
import p2F4 from '../../stages/p2-f4.ts';
import p2F5 from '../../stages/p2-f5.ts';
import p2F6 from '../../stages/p2-f6.ts';
import p2F6Gd from '../../stages/p2-f6-gd.ts';
import dataDigits from '../../stages/data-digits.ts';
import { dataParams } from './data-fixtures.ts';
import p2Gd from '../../stages/p2-gd.ts';
import p2VampSim from '../../stages/p2-vamp-sim.ts';

const test = suite('stages/p2');

/** Tiny sizes: these tests check the wiring (grids, inputs, FigureData), not the numbers. */
const params = {
  p2: {
    gd: {
      steps: 30, batch: 64, lr: 0.01, beta: 1, evalSamples: 2000,
      runs: [{ law: 'rademacher', d: 8, r: [1], p: [0.4, 0.8], seeds: 1 }, { law: 'gauss', d: 8, r: [0.5, 1], p: [0.3], seeds: 1 }, { law: 'gauss', d: 8, r: [1], p: [0.1], seeds: 2 }, { law: 'gauss', d: 12, r: [1], p: [0.1], seeds: 1 }],
    },
    sim: { d: 60, samples: 20, layers: 5, seeds: 2, r: [0.5], p: [0.3], extra: [{ r: 2, p: 0.3 }] },
    f1: { d: 8, identityP: [0.3], sweep: { p: 0.1, r: 1, d: [8, 12] } },
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
  // The SE ordering needs no size; the simulation bands need d ≥ 1000 (here d = 60).
  assert.ok(f4.checks.some((c) => c.id === 'p2.f4.theory-order' && c.status === 'pass'));
  assert.ok(f4.checks.filter((c) => c.id?.startsWith('p2.n7.')).every((c) => c.status === 'not-evaluated'));
  const f5 = (await runStage(p2F5, { params, inputs: { 'p2-vamp-sim': sims } })).json<FigureData>('figure.json');
  assert.is(f5.rows.filter((r) => r.kind === 'experiment').length, 10); // 2 cases × 5 layers
  assert.is(f5.checks.length, 10);
});

test('p2-gd → p2-f1, p2-f2, p2-f3 (heat map with value); checks below their size are not evaluated', async () => {
  const runs = [];
  for (const inst of gridOf(p2Gd, params)) runs.push(await runStage(p2Gd, { params, instance: inst, seed: 7 + runs.length }));
  assert.is(runs.length, 7);
  const res = runs[0]!.json<{ risk: number; haar: number; ell: number; curve: unknown[]; protocol: { steps: number } }>('result.json');
  assert.ok(res.risk > 0 && res.risk < 1.2 && res.ell > 0 && res.ell <= 1 && res.curve.length > 0);
  assert.ok(res.haar > 0 && res.haar < 1.2);
  assert.is(res.protocol.steps, 30);
  const inputs = { 'p2-gd': runs };
  const f1 = (await runStage(p2F1, { params, inputs })).json<FigureData>('figure.json');
  // p = 0.3 at r = 0.5, 1: the R_Gauss band; p = 0.1 at d = 8 and 12: GD vs Haar and GD ≥ R_Gauss; the two sweep slopes.
  assert.equal(f1.checks.map((c) => c.id).sort(), [
    'p2.f1.gd-above-rgauss', 'p2.f1.gd-above-rgauss', 'p2.f1.gd-rgauss', 'p2.f1.gd-rgauss', 'p2.f1.gd-vs-haar', 'p2.f1.gd-vs-haar', 'p2.f1.haar-slope', 'p2.f1.sweep-slope',
  ]);
  // d = 8, 30 steps: far below the G2 protocol, so nothing is judged, and every value is shown.
  assert.ok(f1.checks.every((c) => c.status === 'not-evaluated' && Number.isFinite(c.measured) && /needs d ≥ /.test(c.reason!)), JSON.stringify(f1.checks[0]));
  assert.ok(f1.rows.some((r) => r.series === 'Haar − R_Gauss' && r.x === 12));
  const f2 = (await runStage(p2F2, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(f2.rows.some((r) => r.panel === 'rademacher: ℓ(B)'));
  assert.ok(f2.checks.some((c) => c.id === 'p2.f2.sr-loss'));
  assert.ok(f2.checks.every((c) => c.status === 'not-evaluated'));
  const f3 = (await runStage(p2F3, { params, inputs })).json<FigureData>('figure.json');
  assert.is(f3.kind, 'heatmap');
  assert.is(f3.rows.length, 3 * 8 * 8);
  assert.ok(f3.rows.every((r) => r.value !== undefined && r.value >= 0 && r.value <= 1));
  assert.equal(f3.checks.map((c) => c.id), ['p2.f3.dense', 'p2.f3.permutation', 'p2.f3.dense']);
});

test('data (pca) → p2-f6-gd → p2-f6: a G2 encoder on masked whitened images, decoders against the BG theory', async () => {
  // The shipped 8×8 digits stand in for MNIST: same outputs (meta.json, train.f64, test.f64).
  const data = await runStage(dataDigits, { params: dataParams({ digits: { preps: ['pca'], testFraction: 0.2 } }), instance: { prep: 'pca' } });
  const f6params = { ...params, p2: { ...params.p2, f6: { p: [0.3], r: [0.5, 1], k: 16, seeds: 2, testRows: 40, layers: 5 } } };
  assert.equal(gridOf(p2F6Gd, f6params).map((g) => `${g.p},${g.r},${g.seed}`), ['0.3,0.5,0', '0.3,0.5,1', '0.3,1,0', '0.3,1,1']);
  const runs = [];
  for (const inst of gridOf(p2F6Gd, f6params)) runs.push(await runStage(p2F6Gd, { params: f6params, instance: inst, seed: 20 + runs.length, inputs: { 'data-mnist': [data] } }));
  const res = runs[0]!.json<{ linear: number; layers: number[]; haar: { layers: number[] }; measuredP: number; d: number; n: number; nTest: number }>('result.json');
  assert.is(res.d, 16);
  assert.is(res.n, 8);
  assert.is(res.layers.length, 5);
  assert.ok(Math.abs(res.measuredP - 0.3) < 0.06, `${res.measuredP}`); // 40 rows × 16 entries
  assert.ok(res.linear > 0 && res.linear < 1.5 && res.layers.every((v) => v > 0 && v < 1.5), JSON.stringify(res));
  assert.is(res.haar.layers.length, 5);
  const fig = (await runStage(p2F6, { params: f6params, inputs: { 'p2-f6-gd': runs } })).json<FigureData>('figure.json');
  assert.equal([...new Set(fig.checks.map((c) => c.id))], ['p2.f6.linear', 'p2.f6.l1', 'p2.f6.l5', 'p2.f6.depth-order']);
  assert.ok(fig.checks.every((c) => c.status === 'not-evaluated' && /needs d ≥ 200/.test(c.reason!)));
  assert.ok(fig.rows.some((r) => r.series === 'L5 (MNIST)' && r.n === 2));
  assert.ok(fig.rows.some((r) => r.series === 'L5, Haar encoder (MNIST)' && r.n === 2));
});

test.run();
