/**
 * Paper 3's figure stages on the shared check evaluator: the ODE figures' checks pass at the
 * spec's tolerances (they are deterministic and cheap), the SGD stages write pure outputs (same
 * seed, same bytes; no timings), and SGD checks report `not-evaluated` below their size.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gridOf, runStage } from '../../engine/testing.ts';
import type { FigureData } from '../../report/figure-data.ts';
import { P3_CHECKS } from '../../stages/lib/checks-p3.ts';
import p3R1 from '../../stages/p3-r1.ts';
import p3R3 from '../../stages/p3-r3.ts';
import p3R4 from '../../stages/p3-r4.ts';
import p3SgdGauss from '../../stages/p3-sgd-gauss.ts';

const test = suite('stages/p3');

const params = {
  p3: {
    activation: 'tanh',
    r0: 0.01,
    ode: { dt: 0.001, tEnd: 40, points: 20 },
    testSize: 200,
    recordDt: 0.1,
    sgd: { runs: [{ d: 6, N: 24, eps: 0.005, batch: 8, T: 2, seeds: 2 }] },
    r1: { d: 6 },
    r3: { lambda: 0.1, tEnd: 100 },
  },
};

test('p3-r3: the R3 table, D5 interpolated half-gain times (0.005) and the escape rate pass; ids from the table', async () => {
  const fig = (await runStage(p3R3, { params })).json<FigureData>('figure.json');
  const d5 = fig.checks.filter((c) => c.id === 'p3.r3.half-gain');
  assert.is(d5.length, 3);
  d5.forEach((c, k) => assert.ok(Math.abs(c.measured - [0.7594, 6.2558, 60.6417][k]!) <= 0.005, `${c.name}: ${c.measured}`));
  assert.is(fig.checks.filter((c) => c.id === 'p3.r3.gains').length, 24);
  for (const c of fig.checks) {
    assert.ok(c.id! in P3_CHECKS, `unknown id ${c.id}`);
    assert.is(c.status, 'pass', `${c.name}: ${c.measured} vs ${c.target}`);
  }
});

test('p3-sgd-gauss: same seed, same bytes; the output holds no timing', async () => {
  const inst = gridOf(p3SgdGauss, params)[0]!;
  const a = await runStage(p3SgdGauss, { params, instance: inst, seed: 7 });
  const b = await runStage(p3SgdGauss, { params, instance: inst, seed: 7 });
  assert.is(JSON.stringify(a.json('trajectory.json')), JSON.stringify(b.json('trajectory.json')));
  assert.equal(Object.keys(a.json<object>('trajectory.json')).sort(), ['R', 'c', 'gNet', 'steps', 't']);
});

test('p3-r1, p3-r4 on a tiny run: D1/D2/D4 pass, SGD checks are not-evaluated below their size (value shown)', async () => {
  const runs = [];
  for (const inst of gridOf(p3SgdGauss, params)) runs.push(await runStage(p3SgdGauss, { params, instance: inst, seed: 3 + runs.length }));
  const inputs = { 'p3-sgd-gauss': runs };
  const r1 = (await runStage(p3R1, { params, inputs })).json<FigureData>('figure.json');
  for (const id of ['p3.r1.ode-r', 'p3.r1.half-gain', 'p3.r1.half-gain-linear']) {
    const cs = r1.checks.filter((c) => c.id === id);
    assert.ok(cs.length >= 3 && cs.every((c) => c.status === 'pass'), `${id}: ${JSON.stringify(cs)}`);
  }
  const phase3 = r1.checks.find((c) => c.id === 'p3.r1.phase3')!;
  assert.is(phase3.status, 'not-evaluated');
  assert.ok(Number.isFinite(phase3.measured) && /needs d ≥ 60/.test(phase3.reason!), phase3.reason);
  assert.ok(r1.rows.some((r) => r.series === 'R_d (d = 6, exact)'));
  const r4 = (await runStage(p3R4, { params, inputs })).json<FigureData>('figure.json');
  const s = r4.checks.filter((c) => c.id?.startsWith('p3.r4.s') && c.id !== 'p3.r4.s7');
  assert.ok(s.length === 0 || s.every((c) => c.status === 'not-evaluated' || c.status === 'not-run'));
  assert.is(r4.checks.find((c) => c.id === 'p3.r4.s7')?.status, 'not-run');
  assert.ok(r4.rows.some((r) => r.kind === 'experiment' && r.n === 2));
});

test.run();
