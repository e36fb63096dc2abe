import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deepMerge } from '../../engine/params.ts';
import type { Json } from '../../engine/stage.ts';

const test = suite('schema/p3');
type Obj = { [k: string]: Json };

const schema = JSON.parse(readFileSync('schema/p3.schema.json', 'utf8')) as object;
const params = JSON.parse(readFileSync('params.json', 'utf8')) as Obj;
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('params.json p3 section conforms (paper profile)', () => {
  assert.ok(check(params.p3), JSON.stringify(check.errors));
});

test('p3 merged with profiles.quick.p3 conforms', () => {
  const quick = ((params.profiles as Obj).quick as Obj).p3 as Obj;
  assert.ok(check(deepMerge(params.p3 as Obj, quick)), JSON.stringify(check.errors));
});

test('bad values are rejected (unknown activation, d < 3, unknown key)', () => {
  assert.not.ok(check(deepMerge(params.p3 as Obj, { activation: 'gelu' })));
  assert.not.ok(check(deepMerge(params.p3 as Obj, { sgd: { runs: [{ d: 2, N: 600, eps: 2e-3, batch: 16, T: 10, seeds: 1 }] } })));
  assert.not.ok(check(deepMerge(params.p3 as Obj, { r3: { lambda: 0.1, tEnd: 100, extra: 1 } })));
});

test.run();
