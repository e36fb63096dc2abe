import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deepMerge } from '../../engine/params.ts';
import type { Json } from '../../engine/stage.ts';

const test = suite('schema/p2');
type Obj = { [k: string]: Json };

const schema = JSON.parse(readFileSync('schema/p2.schema.json', 'utf8')) as object;
const params = JSON.parse(readFileSync('params.json', 'utf8')) as Obj;
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

test('params.json p2 section conforms (paper profile)', () => {
  assert.ok(check(params.p2), JSON.stringify(check.errors));
});

test('p2 merged with profiles.quick.p2 conforms', () => {
  const quick = ((params.profiles as Obj).quick as Obj).p2 as Obj;
  assert.ok(check(deepMerge(params.p2 as Obj, quick)), JSON.stringify(check.errors));
});

test('paper profile: decoder simulations at d ≥ 1000 with ≥ 3 seeds (issue 6)', () => {
  const sim = (params.p2 as Obj).sim as Obj;
  assert.ok((sim.d as number) >= 1000 && (sim.seeds as number) >= 3);
});

test('bad values are rejected (unknown law, p > 1, unknown key)', () => {
  assert.not.ok(check(deepMerge(params.p2 as Obj, { f2: { law: 'cauchy' } })));
  assert.not.ok(check(deepMerge(params.p2 as Obj, { sim: { p: [1.5] } })));
  assert.not.ok(check(deepMerge(params.p2 as Obj, { f1: { d: 64, extra: 1 } })));
});

test.run();
