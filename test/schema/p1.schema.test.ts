import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deepMerge } from '../../engine/params.ts';
import type { Json } from '../../engine/stage.ts';

const test = suite('schema/p1');
type Obj = { [k: string]: Json };

const schema = JSON.parse(readFileSync('schema/p1.schema.json', 'utf8')) as object;
const params = JSON.parse(readFileSync('params.json', 'utf8')) as Obj;
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('params.json p1 section conforms (paper profile)', () => {
  assert.ok(check(params.p1), JSON.stringify(check.errors));
});

test('p1 merged with profiles.quick.p1 conforms', () => {
  const quick = ((params.profiles as Obj).quick as Obj).p1 as Obj;
  assert.ok(check(deepMerge(params.p1 as Obj, quick)), JSON.stringify(check.errors));
});

test('bad values and unknown keys are rejected', () => {
  assert.not.ok(check(deepMerge(params.p1 as Obj, { gd: { d: 1 } })));
  assert.not.ok(check(deepMerge(params.p1 as Obj, { gd: { eta: 0 } })));
  assert.not.ok(check(deepMerge(params.p1 as Obj, { e6: { dimz: [3] } })));
});

test.run();
