import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { byUrgency, checkKeys, checkMargin, checkStatus, countChecks } from '../../report/check-status.ts';
import { collectFigure } from '../../report/collect.ts';
import type { FigureCheck } from '../../report/figure-data.ts';
import { checksTable } from '../../report/html/checks.ts';
import { defineStage } from '../../engine/stage.ts';
import { runStage } from '../../engine/testing.ts';
import { evaluate, notRun } from '../../stages/lib/checks.ts';
import { curvesFixture } from './fixtures.ts';

const test = suite('report/check-status');

const def = { id: 'p1.e1.gap', claim: 'E1: GD − LB', spec: 'P1 §4B E1', band: { abs: 1e-3 }, holdsAt: { d: 100 } };
const pass = evaluate(def, { measured: 0.5004, target: 0.5, size: { d: 100 }, label: 'r=0.5' });
const fail = evaluate(def, { measured: 0.503, target: 0.5, size: { d: 100 }, label: 'r=1' });
const small = evaluate(def, { measured: 0.51, target: 0.5, size: { d: 20 }, label: 'r=2' });
const absent = notRun(def, 'MNIST is not installed', 'r=4');
const old: FigureCheck = { name: 'old style', measured: 0.3, target: 0.25, tolerance: 0.1, pass: true };

test('status: written by the evaluator, else pass decides (older figure.json)', () => {
  assert.equal([pass, fail, small, absent].map(checkStatus), ['pass', 'fail', 'not-evaluated', 'not-run']);
  assert.is(checkStatus(old), 'pass');
  assert.is(checkStatus({ ...old, pass: false }), 'fail');
});

test('margin: as written, else |measured − target| / numeric tolerance, else none', () => {
  assert.ok(Math.abs(checkMargin(pass)! - 0.4) < 1e-9);
  assert.ok(Math.abs(checkMargin(fail)! - 3) < 1e-9);
  assert.ok(Math.abs(checkMargin(old)! - 0.5) < 1e-12);
  assert.is(checkMargin({ ...old, target: '< 0.4' }), undefined);
  assert.is(checkMargin(absent), undefined);
});

test('urgency: failures first, then not run, not evaluated, passes; larger margin first within', () => {
  const sorted = byUrgency([pass, old, small, absent, fail], (c) => c);
  assert.equal(sorted.map((c) => c.name), [fail.name, absent.name, small.name, old.name, pass.name]);
});

test('counts: not-evaluated and not-run are neither passes nor failures; worst margin over judged checks only', () => {
  const c = countChecks([pass, fail, small, absent]);
  assert.equal({ ...c, worstMargin: Math.round(c.worstMargin! * 1e6) / 1e6 }, { total: 4, pass: 1, fail: 1, notEvaluated: 1, notRun: 1, worstMargin: 3 });
});

test('check keys: the stable id, numbered where several checks share it, else the name', () => {
  assert.equal(checkKeys([pass, fail, old]), ['p1.e1.gap#0', 'p1.e1.gap#1', 'name:old style']);
  assert.equal(checkKeys([pass]), ['p1.e1.gap']);
});

test('the table shows deviation and margin, sorts failures first, never calls not-evaluated or not-run pass or fail', () => {
  const html = checksTable([pass, small, absent, fail].map((check) => ({ check })), false);
  const rows = html.split('\n').filter((l) => l.startsWith('<tr class='));
  assert.equal(rows.map((r) => /^<tr class="([^"]+)"/.exec(r)![1]), ['fail', 'not-run', 'not-evaluated', 'pass']);
  assert.match(rows[0]!, '3.0'); // margin 3 of the tolerance
  assert.match(rows[0]!, '<td class="n">0.003</td>'); // deviation
  assert.match(rows[1]!, '– not run');
  assert.match(rows[1]!, 'MNIST is not installed');
  assert.match(rows[2]!, '– not evaluated');
  assert.match(rows[2]!, 'needs d ≥ 100');
  assert.not.match(rows[2]!, /✓|✗/);
});

test('collect: a not-run check written as JSON (NaN → null) reads back as NaN; a bad status is named', async () => {
  const fig = curvesFixture('p1-e1', { xs: [0.5] }, [absent, fail]);
  const up = await runStage(defineStage({ name: 'p1-e1', run: (ctx) => ctx.writeJson('figure.json', fig) }), { params: {} });
  const c = collectFigure('p1-e1', 1, [up]);
  assert.is(c.status, 'ok');
  assert.ok(Number.isNaN(c.explicit!.checks[0]!.measured));
  assert.ok(Number.isNaN(c.explicit!.checks[0]!.target as number));
  const bad = { ...fig, checks: [{ ...fail, status: 'maybe' }] };
  const up2 = await runStage(defineStage({ name: 'p1-e1', run: (ctx) => ctx.writeJson('figure.json', bad) }), { params: {} });
  assert.match(collectFigure('p1-e1', 1, [up2]).notes[0]!, `check 0 ("${fail.name}") has status "maybe", expected one of pass, fail, not-evaluated, not-run`);
  const mixed = { ...fig, checks: [{ ...fail, pass: true }] };
  const up3 = await runStage(defineStage({ name: 'p1-e1', run: (ctx) => ctx.writeJson('figure.json', mixed) }), { params: {} });
  assert.match(collectFigure('p1-e1', 1, [up3]).notes[0]!, 'has status fail but pass true');
});

test.run();
