/** Canonical JSON: what is hashed into keys does not depend on key order, and distinguishes what differs. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, hashJson, initHash } from '../../../engine/hash.ts';

const test = suite('engine/unit/canonical-json');

test('object keys are sorted at every level; arrays keep their order', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  assert.is.not(canonicalJson([1, 2]), canonicalJson([2, 1]));
});

test('sorting is by code unit, not locale (stable across machines)', () => {
  assert.is(canonicalJson({ b: 0, B: 0, a: 0, _: 0, é: 0 }), '{"B":0,"_":0,"a":0,"b":0,"é":0}');
});

test('same content in any key order hashes the same; different values do not', async () => {
  await initHash();
  assert.is(hashJson({ x: 1, y: [1, 2] }), hashJson({ y: [1, 2], x: 1 }));
  assert.is.not(hashJson({ x: 1 }), hashJson({ x: '1' }));
  assert.is.not(hashJson({ x: null }), hashJson({}));
  assert.match(hashJson({}), /^[0-9a-f]{32}$/);
});

test.run();
