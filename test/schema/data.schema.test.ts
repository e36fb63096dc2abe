import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deepMerge } from '../../engine/params.ts';
import type { Json } from '../../engine/stage.ts';

const test = suite('schema/data');
type Obj = { [k: string]: Json };

const schema = JSON.parse(readFileSync('schema/data.schema.json', 'utf8')) as object;
const params = JSON.parse(readFileSync('params.json', 'utf8')) as Obj;
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('params.json data section conforms (paper profile)', () => {
  assert.ok(check(params.data), JSON.stringify(check.errors));
});

test('data merged with profiles.quick.data conforms', () => {
  const quick = ((params.profiles as Obj).quick as Obj).data as Obj;
  assert.ok(check(deepMerge(params.data as Obj, quick)), JSON.stringify(check.errors));
});

test('bad values are rejected', () => {
  assert.not.ok(check(deepMerge(params.data as Obj, { mnist: { preps: ['whiten'] } })));
  assert.not.ok(check(deepMerge(params.data as Obj, { cifar10: { color: 'cmyk' } })));
  assert.not.ok(check(deepMerge(params.data as Obj, { maskP: [0] })));
});

test.run();
