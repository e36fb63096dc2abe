import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage, type StageRun } from '../../engine/testing.ts';
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
    gd: { d: 8, rates: [0.5, 2, 3], seeds: 2, eta: 0.1, etaAbove1: 0.1, iterations: 150, iterationsAbove1: 100, iterationsAbove2: 40, recordEvery: 5 },
    e2: { rates: [0.5, 2] },
    variants: { names: ['joint', 'tied'], seeds: 1, iterations: 150, iterationsAbove1: 100, recordEvery: 10 },
    e3: { rates: [0.5, 2, 3], bins: 9 },
    e4: { d: 8, rates: [0.5], seeds: 2, eta: 0.05, iterations: 100 },
    e6: { dims: [6, 12, 24], rates: [2], seeds: 1 },
  },
};

test('p1-gd grid: rates × seeds', () => {
  assert.equal(gridOf(p1Gd, params).map((g) => `${g.r},${g.seed}`), ['0.5,0', '0.5,1', '2,0', '2,1', '3,0', '3,1']);
});

/** The check with this id (and label, when several instances share the id). */
function check(fig: FigureData, id: string, label?: string) {
  const c = fig.checks.find((x) => x.id === id && (label === undefined || x.name.endsWith(label)));
  if (!c) throw new Error(`no check ${id} ${label ?? ''} in ${fig.id}`);
  return c;
}

test('p1-gd → p1-e1, p1-e2, p1-e3: figures with theory, points ± sd and checks', async () => {
  const runs: StageRun[] = [];
  for (const inst of gridOf(p1Gd, params)) runs.push(await runStage(p1Gd, { params, instance: inst, seed: 11 + runs.length }));
  const variants = [];
  for (const inst of gridOf(p1GdVariant, params)) variants.push(await runStage(p1GdVariant, { params, instance: inst, seed: 3 + variants.length }));
  const inputs = { 'p1-gd': runs, 'p1-gd-variant': variants };
  const e1 = (await runStage(p1E1, { params, inputs })).json<FigureData>('figure.json');
  assert.is(e1.id, 'p1-e1');
  assert.ok(e1.rows.some((r) => r.kind === 'theory' && r.series === 'LB(r)'));
  assert.ok(e1.rows.some((r) => r.kind === 'experiment' && r.n === 2 && r.y_lo !== undefined));
  // r = 0.5 reaches 1 − 2r/π exactly at any d (spec §2.2): the E1 check must pass even at d = 8.
  assert.is(check(e1, 'p1.e1.gd-at-lb', 'r=0.5').status, 'pass');
  assert.ok(e1.checks.filter((c) => c.id === 'p1.e1.never-below').every((c) => c.status === 'pass'));
  // Below the size where the r > 1 band holds (d = 100, η·T = 200): not evaluated, value shown.
  const above = check(e1, 'p1.e1.gd-above-lb', 'r=2');
  assert.is(above.status, 'not-evaluated');
  assert.ok(above.measured > above.deviation! && above.reason!.includes('d = 8'));
  // r > 2 runs p1.gd.iterationsAbove2 steps (spec E3: r ≥ 3 to η·T = 400).
  assert.ok(e1.notes!.some((n) => n.includes('r=3: 40 at η = 0.1 (η·T = 4)')));
  const e2 = (await runStage(p1E2, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(e2.rows.some((r) => r.series.startsWith('GD r=2')));
  assert.ok(e2.rows.some((r) => r.series === '(b) joint r=2') && e2.rows.some((r) => r.series === '(c) tied r=0.5'));
  // r = 0.5 reaches 1 − 2r/π exactly at any d for both variants too (spec §3.2, §5).
  assert.equal(e2.checks.filter((c) => c.id === 'p1.e2.variant-final-le-1').map((c) => c.status), ['pass', 'pass']);
  // The η·t checks read the trace at flow time 2.5 and 3 (steps 25 and 30 at η = 0.1).
  const gap = check(e2, 'p1.e2.gap-flow-3');
  assert.is(gap.status, 'not-evaluated');
  const r05 = runs.filter((_, i) => gridOf(p1Gd, params)[i]!.r === 0.5).map((u) => u.json<{ trace: { t: number[]; risk: number[] } }>('result.json').trace);
  assert.is(gap.measured, Math.max(...r05.map((t) => t.risk[t.t.indexOf(30)]!)));
  assert.is(check(e2, 'p1.e2.tied-norm-le-1', 'r=0.5').target, Math.sqrt(2 / Math.PI));
  const e3 = (await runStage(p1E3, { params, inputs })).json<FigureData>('figure.json');
  assert.ok(e3.rows.some((r) => r.panel === 'r=2' && r.series === 'G_ij after GD'));
  assert.is(check(e3, 'p1.e3.offdiag-max', 'r=0.5').status, 'pass');
  assert.match(check(e3, 'p1.e3.eig-ge-3', 'r=3').reason!, 'needs d ≥ 100, flowTime ≥ 400; ran d = 8, flowTime = 4');
  for (const fig of [e1, e2, e3]) assert.ok(fig.checks.every((c) => c.id?.startsWith('p1.') && c.spec), `${fig.id}: every check comes from the P1 table`);
  // Each point names the upstream instances behind it, by the ids the engine gave them (the report's hover).
  const atRate = (r: number) => runs.flatMap((u) => (u.instance.r === r ? [u.id] : []));
  assert.equal(e1.rows.find((r) => r.kind === 'experiment' && r.series.startsWith('GD') && r.x === 0.5)!.instances, atRate(0.5));
  assert.equal(atRate(0.5), ['p1-gd[r=0.5,seed=0]', 'p1-gd[r=0.5,seed=1]']);
  const known = new Set([...runs, ...variants].map((u) => u.id));
  for (const fig of [e1, e2, e3]) {
    const exp = fig.rows.filter((r) => r.kind === 'experiment');
    assert.ok(exp.every((r) => r.instances?.length === r.n && r.instances!.every((id) => known.has(id))), `${fig.id}: a point without the ids of its runs`);
  }
});

test('p1-e4-gd → p1-e4 and p1-e6-frame → p1-e6', async () => {
  const e4runs = [];
  for (const inst of gridOf(p1E4Gd, params)) e4runs.push(await runStage(p1E4Gd, { params, instance: inst, seed: 5 + e4runs.length }));
  const e4 = (await runStage(p1E4, { params, inputs: { 'p1-e4-gd': e4runs } })).json<FigureData>('figure.json');
  assert.ok(e4.rows.some((r) => r.series === 'water-filling R_wf'));
  assert.ok(e4.checks.filter((c) => c.id === 'p1.e4.gd-above').every((c) => c.status === 'pass'));
  assert.is(check(e4, 'p1.e4.gd-within').status, 'not-evaluated');
  const frames = [];
  for (const inst of gridOf(p1E6Frame, params)) frames.push(await runStage(p1E6Frame, { params, instance: inst, seed: 2 + frames.length }));
  const e6 = (await runStage(p1E6, { params, inputs: { 'p1-e6-frame': frames } })).json<FigureData>('figure.json');
  assert.is(e6.rows.filter((r) => r.kind === 'experiment').length, 3);
  assert.ok(e6.checks.filter((c) => c.id === 'p1.e6.above-lb').every((c) => c.status === 'pass'));
  assert.is(check(e6, 'p1.e6.gap-d-ratio').status, 'not-evaluated');
});

test.run();
