/** The recording params proxy: exactly what a stage reads enters its key. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { recordingProxy, valueAt, type ParamReads } from '../../../engine/params-proxy.ts';
import type { Json } from '../../../engine/stage.ts';

const test = suite('engine/unit/params-proxy');
const PARAMS: Json = { seed: 1, p1: { lr: 0.1, d: 100, rates: [0.5, 1], nested: { a: 1, b: 2 } }, p2: { n: 5 } };
const read = (f: (p: any) => unknown) => {
  const reads: ParamReads = new Map();
  const value = f(recordingProxy(PARAMS, reads));
  return { value, reads: Object.fromEntries(reads) };
};

test('leaf reads are recorded by dotted path, with their values; siblings are not', () => {
  const r = read((p) => p.p1.lr * p.p1.d);
  assert.is(r.value, 10);
  assert.equal(r.reads, { 'p1.lr': 0.1, 'p1.d': 100 });
});

test('arrays are recorded whole where read', () => {
  assert.equal(read((p) => p.p1.rates[1]).reads, { 'p1.rates': [0.5, 1] });
});

test('enumerating an object records all of it and subsumes finer reads below', () => {
  const r = read((p) => (p.p1.nested.a, Object.keys(p.p1.nested)));
  assert.equal(r.value, ['a', 'b']);
  assert.equal(r.reads, { 'p1.nested': { a: 1, b: 2 } });
  assert.equal(read((p) => JSON.stringify(p.p2)).reads, { p2: { n: 5 } });
});

test('a missing key is recorded as null (so adding it later is a change); `in` is a read', () => {
  assert.equal(read((p) => p.p1.missing).reads, { 'p1.missing': null });
  assert.equal(read((p) => 'lr' in p.p1).reads, { 'p1.lr': 0.1 });
});

test('params are read-only', () => {
  assert.throws(() => read((p) => (p.p1.lr = 2)), /params are read-only \(tried to set a key under 'p1'\)/);
  assert.throws(() => read((p) => delete p.p2.n), /read-only/);
});

test('valueAt reads a dotted path back (null when absent)', () => {
  assert.is(valueAt(PARAMS, 'p1.nested.b'), 2);
  assert.is(valueAt(PARAMS, 'p1.nope.x'), null);
  assert.equal(valueAt(PARAMS, ''), PARAMS);
  assert.is(valueAt(PARAMS, 'p1.rates.0'), null);
});

test.run();
