import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import p1E1 from '../../stages/p1-e1.ts';
import p1E2 from '../../stages/p1-e2.ts';
import p1E3 from '../../stages/p1-e3.ts';
import p1E4 from '../../stages/p1-e4.ts';
import p1E4Gd from '../../stages/p1-e4-gd.ts';
import p1E6 from '../../stages/p1-e6.ts';
import p1E6Frame from '../../stages/p1-e6-frame.ts';
import p1Gd from '../../stages/p1-gd.ts';
import p1GdVariant from '../../stages/p1-gd-variant.ts';

const test = suite('stages/p1');

/** Tiny sizes: these tests check the wiring (grids, inputs, FigureData) and the exact r ≤ 1 optimum. */
const params = {
  p1: {
    gd: { d: 8, rates: [0.5, 2], seeds: 2, eta: 0.1, etaAbove1: 0.1, iterations: 150, iterationsAbove1: 100, recordEvery: 10 },
    e2: { rates: [0.5, 2] },
    variants: { names: ['joint', 'tied'], seeds: 1, iterations: 150, iterationsAbove1: 100, recordEvery: 10 },
    e3: { rates: [0.5, 2], bins: 9 },
    e4: { d: 8, rates: [0.5], seeds: 2, eta: 0.05, iterations: 100 },
    e6: { dims: [6, 12, 24], rates: [2], seeds: 1 },
  },
};

test('p1-gd grid: rates × seeds', () => {
  assert.equal(gridOf(p1Gd, params).map((g) => `${g.r},${g.seed}`), ['0.5,0', '0.5,1', '2,0', '2,1']);
});

test('p1-gd → p1-e1, p1-e2, p1-e3: figures with theory, points ± sd and checks', async () => {
  const runs = [];
  for (const inst of gridOf(p1Gd, params)) runs.push(await runStage(p1Gd, { params, instance: inst, seed: 11 + runs.length }));
  const variants = [];
  for (const inst of gridOf(p1GdVariant, params)) variants.push(await runStage(p1GdVariant, { params, instance: inst, seed: 3 + variants.length }));
  const inputs = { 'p1-gd': runs, 'p1-gd-variant': variants };
  const e1 = (await runStage(p1E1, { params, inputs })).json<FigureData>('figure.json');
  assert.is(e1.id, 'p1-e1');
  assert.ok(e1.rows.some((r) => r.kind === 'theory' && r.series === 'LB(r)'));
  assert.ok(e1.rows.some((r) => r.kind === 'experiment' && r.n === 2 && r.y_lo !== undefined));
  // r = 0.5 reaches 1 − 2r/π exactly at any d (spec §2.2): the E1 check must pass even at d = 8.
  assert.ok(e1.checks.find((c) => c.name.startsWith('E1: max |GD − LB| at r=0.5'))?.pass);
  assert.ok(e1.checks.filter((c) => c.name.includes('never below')).every((c) => c.pass));
  const e2 = (await runStage(p1E2, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(e2.rows.some((r) => r.series.startsWith('GD r=2')));
  assert.ok(e2.rows.some((r) => r.series === '(b) joint r=2') && e2.rows.some((r) => r.series === '(c) tied r=0.5'));
  // r = 0.5 reaches 1 − 2r/π exactly at any d for both variants too (spec §3.2, §5).
  assert.ok(e2.checks.filter((c) => c.name.includes('final R − LB at r=0.5')).every((c) => c.pass));
  assert.is(e2.checks.filter((c) => c.name.includes('final R − LB at r=0.5')).length, 2);
  const e3 = (await runStage(p1E3, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(e3.rows.some((r) => r.panel === 'r=2' && r.series === 'G_ij after GD'));
  assert.ok(e3.checks.find((c) => c.name.startsWith('E3: max |G_ij| (i≠j) after GD, r=0.5'))?.pass);
});

test('p1-e4-gd → p1-e4 and p1-e6-frame → p1-e6', async () => {
  const e4runs = [];
  for (const inst of gridOf(p1E4Gd, params)) e4runs.push(await runStage(p1E4Gd, { params, instance: inst, seed: 5 + e4runs.length }));
  const e4 = (await runStage(p1E4, { params, inputs: { 'p1-e4-gd': e4runs } })).json<FigureData>('figure.json');
  assert.ok(e4.rows.some((r) => r.series === 'water-filling R_wf'));
  assert.ok(e4.checks.find((c) => c.name.includes('never below'))?.pass);
  const frames = [];
  for (const inst of gridOf(p1E6Frame, params)) frames.push(await runStage(p1E6Frame, { params, instance: inst, seed: 2 + frames.length }));
  const e6 = (await runStage(p1E6, { params, inputs: { 'p1-e6-frame': frames } })).json<FigureData>('figure.json');
  assert.is(e6.rows.filter((r) => r.kind === 'experiment').length, 3);
  assert.ok(e6.checks.every((c) => !c.name.includes('> 0') || c.pass));
});

test.run();
