import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTable, evaluate, margin, notRun } from '../../stages/lib/checks.ts';

const table = checkTable([
  { id: 'x.close', claim: 'X: close', spec: 'P0 §1', band: { abs: 0.01 }, holdsAt: { d: 100 } },
  { id: 'x.above', claim: 'X: above', spec: 'P0 §2', band: { lo: 0, hi: 0.04 } },
] as const);

test('evaluate: pass, fail and the margin as a fraction of the band', () => {
  const ok = evaluate(table['x.close'], { measured: 1.005, target: 1, size: { d: 100 } });
  assert.is(ok.status, 'pass');
  assert.ok(Math.abs(ok.margin! - 0.5) < 1e-9);
  assert.ok(Math.abs(ok.deviation! - 0.005) < 1e-12);
  const bad = evaluate(table['x.close'], { measured: 1.02, target: 1, size: { d: 200 } });
  assert.is(bad.status, 'fail');
  assert.is(bad.pass, false);
});

test('evaluate: an asymmetric band uses the side the deviation falls on', () => {
  assert.is(evaluate(table['x.above'], { measured: 0.03, target: 0 }).status, 'pass');
  const below = evaluate(table['x.above'], { measured: -0.001, target: 0 });
  assert.is(below.status, 'fail');
  assert.is(below.margin, Infinity);
  assert.is(margin({ lo: -0.02, hi: 0.04 }, -0.01, 0), 0.5);
});

test('evaluate: below the size where the band holds, not evaluated and never passed', () => {
  const c = evaluate(table['x.close'], { measured: 1, target: 1, size: { d: 40 }, label: 'r=1' });
  assert.is(c.status, 'not-evaluated');
  assert.is(c.pass, false);
  assert.is(c.name, 'X: close, r=1');
  assert.match(c.reason!, 'needs d ≥ 100; ran d = 40');
});

test('notRun and NaN are never a pass; duplicate ids are refused', () => {
  assert.is(notRun(table['x.above'], 'dataset not installed').status, 'not-run');
  assert.is(evaluate(table['x.above'], { measured: NaN, target: 0 }).status, 'fail');
  assert.throws(() => checkTable([table['x.above'], table['x.above']]), /duplicate check id x\.above/);
});

test.run();
