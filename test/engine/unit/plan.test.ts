/**
 * Planning without bundling: module files stand in for bundles (a fake hasher maps
 * each module to itself), so the checks run in milliseconds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeHasher, CodeInfo } from '../../../engine/code-hash.ts';
import type { CodeHash } from '../../../engine/hash.ts';
import { instanceId, loadPlan, PlanError, withUpstream } from '../../../engine/plan.ts';
import { StateFile } from '../../../engine/util/state-file.ts';

const test = suite('engine/unit/plan');
let dir = '';
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'repro-plan-'));
});
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

/** Write `pipeline.ts` and stage modules as plain ESM (`<name>.mjs`), and plan them. */
let calls = 0;
async function plan(stages: Record<string, string>, params: object = {}) {
  // A fresh root per call: Node caches imported modules by URL.
  const root = join(dir, String(calls++));
  mkdirSync(root);
  writeFileSync(join(root, 'pipeline.mjs'), `export default { stages: ${JSON.stringify(Object.keys(stages).map((s) => `${s}.mjs`))} };`);
  for (const [name, body] of Object.entries(stages)) writeFileSync(join(root, `${name}.mjs`), `export default ${body};`);
  const hasher = {
    hash: async (m: string): Promise<CodeInfo> => ({ hash: `h${calls}-${m}` as CodeHash, files: {}, packages: {}, bundle: m === 'pipeline.ts' ? 'pipeline.mjs' : m }),
  } as unknown as CodeHasher;
  return loadPlan(root, hasher, params as never, 'p', new StateFile(join(root, 'plan-state.json')));
}

const run = 'run() {}';

test('instance ids: the stage name, and the grid point in its order', () => {
  assert.is(instanceId('fig', {}), 'fig');
  assert.is(instanceId('gd', { r: 0.5, seed: 0 }), 'gd[r=0.5,seed=0]');
});

test('stages are ordered after their deps; grids expand from params', async () => {
  const p = await plan(
    {
      c: `{ name: 'c', deps: ['b'], ${run} }`,
      b: `{ name: 'b', deps: ['a'], grid: (p) => p.seeds.map((seed) => ({ seed })), ${run} }`,
      a: `{ name: 'a', optionalDeps: ['not-in-pipeline'], ${run} }`,
    },
    { seeds: [0, 1] },
  );
  assert.equal(p.stages.map((s) => s.name), ['a', 'b', 'c']);
  assert.equal(p.byName.get('b')!.instances.map((i) => i.id), ['b[seed=0]', 'b[seed=1]']);
  assert.equal(p.byName.get('a')!.optionalDeps, [], 'an optional dep outside the pipeline is dropped');
  assert.equal([...withUpstream(p, [p.byId.get('b[seed=1]')!])].sort(), ['a', 'b[seed=1]']);
  assert.equal([...withUpstream(p, p.byName.get('c')!.instances)].sort(), ['a', 'b[seed=0]', 'b[seed=1]', 'c']);
});

test('broken pipelines are plan errors naming the problem', async () => {
  const fails = async (stages: Record<string, string>, re: RegExp) => {
    const e = await plan(stages).then(() => undefined, (x: unknown) => x);
    assert.instance(e, PlanError);
    assert.match((e as Error).message, re);
  };
  await fails({ a: `{ name: 'a', deps: ['b'], ${run} }`, b: `{ name: 'b', deps: ['a'], ${run} }` }, /dependency cycle: (a → b → a|b → a → b)/);
  await fails({ a: `{ name: 'a', deps: ['zz'], ${run} }` }, /a \(a\.mjs\) depends on 'zz', which is not in pipeline\.ts/);
  await fails({ a: `{ name: 'x', ${run} }`, b: `{ name: 'x', ${run} }` }, /stage name 'x' is declared twice \(a\.mjs and b\.mjs\)/);
  await fails({ a: `{ name: 'a', grid: () => [{ k: [1] }], ${run} }` }, /a: grid point field 'k' is \[1\]; expected a string, number or boolean/);
  await fails({ a: `{ name: 'a', grid: () => [{ k: 1 }, { k: 1 }], ${run} }` }, /a: the grid has a\[k=1\] twice/);
  await fails({ a: `{ name: 'a', grid: (p) => p.nope.map((x) => x), ${run} }` }, /a: grid\(params\) threw: /);
  await fails({ a: `{ name: 'a' }` }, /a\.mjs: must `export default defineStage/);
});

test.run();
