/**
 * params.json against params.schema.json and the section schemas it `$ref`s, through the
 * engine's own loader: both profiles load, and each section rejects what it should, with
 * an error naming the parameter.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadParams, ParamsError } from '../engine/params.ts';

const test = suite('params');
const root = process.cwd();

for (const profile of ['paper', 'quick']) {
  test(`params.json loads and validates with --profile ${profile}`, () => {
    const { params } = loadParams({ root, profile });
    assert.is(params.profile, profile, 'each profile names itself (the report shows it)');
    for (const section of ['data', 'p1', 'p2', 'p3', 'report']) assert.type(params[section], 'object', section);
  });
}

test('the paper profile is the default', () => {
  assert.equal(loadParams({ root }).params, loadParams({ root, profile: 'paper' }).params);
});

test('paper profile: P2 decoder simulations at d ≥ 1000 with ≥ 3 seeds (issue 6)', () => {
  const sim = (loadParams({ root }).params.p2 as { sim: { d: number; seeds: number } }).sim;
  assert.ok(sim.d >= 1000 && sim.seeds >= 3, JSON.stringify(sim));
});

/** `--set` assignments each section's schema must reject, and the parameter the error must name. */
const rejected: [string, string][] = [
  ['data.mnist.preps=["whiten"]', 'params.data.mnist.preps.0'],
  ['data.cifar10.color="cmyk"', 'params.data.cifar10.color'],
  ['data.maskP=[0]', 'params.data.maskP.0'],
  ['p1.gd.d=1', 'params.p1.gd.d'],
  ['p1.gd.eta=0', 'params.p1.gd.eta'],
  ['p1.e6.dimz=[3]', 'params.p1.e6.dimz'],
  ['p2.f2.law="cauchy"', 'params.p2.f2.law'],
  ['p2.sim.p=[1.5]', 'params.p2.sim.p.0'],
  ['p2.f1.extra=1', 'params.p2.f1.extra'],
  ['p3.activation="gelu"', 'params.p3.activation'],
  ['p3.sgd.runs=[{"d":2,"N":600,"eps":0.002,"batch":16,"T":10,"seeds":1}]', 'params.p3.sgd.runs.0.d'],
  ['p3.r3.extra=1', 'params.p3.r3.extra'],
];

for (const [set, path] of rejected) {
  test(`rejects --set ${set}, naming ${path}`, () => {
    try {
      loadParams({ root, sets: [set] });
      assert.unreachable('accepted');
    } catch (e) {
      assert.instance(e, ParamsError);
      assert.ok((e as ParamsError).problems.some((p) => p.startsWith(path)), (e as Error).message);
    }
  });
}

test('every problem is reported at once', () => {
  try {
    loadParams({ root, sets: ['p1.gd.d=1', 'p3.activation="gelu"'] });
    assert.unreachable('accepted');
  } catch (e) {
    assert.ok((e as ParamsError).problems.length >= 2, (e as Error).message);
  }
});

test.run();
