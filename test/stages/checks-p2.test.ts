import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rGauss } from '../../science/p2/index.ts';
import { evaluate } from '../../stages/lib/checks.ts';
import { P2_CHECKS, simRow } from '../../stages/lib/checks-p2.ts';

const G2 = { d: 64, seeds: 3, steps: 4000 };

test('P2 table: every row names its spec row; ids are stable and prefixed p2.', () => {
  for (const [id, row] of Object.entries(P2_CHECKS)) {
    assert.is(row.id, id);
    assert.match(id, /^p2\.(f[1-6]|n7)\./);
    assert.match(row.spec, /^P2 /);
  }
});

test('F1 band +0.01/−0.005 on R_Gauss at the G2 protocol; below it, not evaluated with the value', () => {
  const row = P2_CHECKS['p2.f1.gd-rgauss'];
  assert.is(evaluate(row, { measured: rGauss(1) + 0.008, target: rGauss(1), size: G2 }).status, 'pass');
  assert.is(evaluate(row, { measured: rGauss(1) + 0.012, target: rGauss(1), size: G2 }).status, 'fail');
  assert.is(evaluate(row, { measured: rGauss(1) - 0.006, target: rGauss(1), size: G2 }).status, 'fail');
  const cut = evaluate(row, { measured: 0.3718, target: rGauss(1), size: { d: 64, seeds: 3, steps: 1500 } });
  assert.is(cut.status, 'not-evaluated');
  assert.is(cut.measured, 0.3718);
  assert.match(cut.reason!, 'needs steps ≥ 4000; ran steps = 1500');
});

test('N7 bands by density: two-sided at p ≥ 0.3, one-sided above SE at smaller p', () => {
  assert.is(simRow(0.5).id, 'p2.n7.sim-dense');
  assert.is(simRow(0.1).id, 'p2.n7.sim-sparse');
  assert.is(simRow(0.05).id, 'p2.n7.sim-very-sparse');
  const size = { d: 1000, seeds: 3 };
  // Spec §2.6: p = 0.1, r = 1, d = 1000: L5 0.0707 against SE 0.0621 (+0.0086) is inside +0.015.
  assert.is(evaluate(simRow(0.1), { measured: 0.0707, target: 0.0621, size }).status, 'pass');
  assert.is(evaluate(simRow(0.1), { measured: 0.0560, target: 0.0621, size }).status, 'fail');
  assert.is(evaluate(simRow(0.3), { measured: 0.6150 + 0.011, target: 0.6150, size }).status, 'fail');
});

test('F2 switch window [0.45, 0.6] and the ℓ thresholds', () => {
  const sw = P2_CHECKS['p2.f2.switch'];
  assert.is(evaluate(sw, { measured: 0.45, target: 0.45, size: G2 }).status, 'pass');
  assert.is(evaluate(sw, { measured: 0.6, target: 0.45, size: G2 }).status, 'pass');
  assert.is(evaluate(sw, { measured: 0.4, target: 0.45, size: G2 }).status, 'fail');
  assert.is(evaluate(sw, { measured: 0.65, target: 0.45, size: G2 }).status, 'fail');
  assert.is(evaluate(P2_CHECKS['p2.f2.ell-identity'], { measured: 0.9529, target: 0.95, size: G2 }).status, 'pass');
  assert.is(evaluate(P2_CHECKS['p2.f2.ell-rotation'], { measured: 0.31, target: 0.3, size: G2 }).status, 'fail');
});

test.run();
