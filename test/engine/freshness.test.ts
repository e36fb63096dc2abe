/**
 * Engine behaviour on a small fixture pipeline in a temp dir: each block changes
 * one input, runs again, and asserts how many times each stage body ran.
 *
 *   data[seed=0|1] ── train[seed=0|1] ── summary
 *        └─ lib/util.ts (used by data only)
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildEngine } from '../../scripts/build.mjs';
import { runCommand } from '../../engine/commands/run.ts';
import { statusCommand, whyCommand } from '../../engine/commands/inspect.ts';
import type { Reporter, RunEvent } from '../../engine/events.ts';
import { ParamsError } from '../../engine/params.ts';

const repo = resolve(import.meta.dirname, '../..');
const test = suite('engine/freshness');
let dir = '';
const log = () => join(dir, 'bodies.log');

function write(rel: string, text: string) {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

const stage = (body: string) => `import { defineStage } from '${repo}/engine/stage.ts';
import { appendFileSync } from 'node:fs';
${body}`;

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'repro-fresh-'));
  write('pipeline.ts', `import { definePipeline } from '${repo}/engine/pipeline.ts';
export default definePipeline({ stages: ['stages/data.ts', 'stages/train.ts', 'stages/summary.ts'] });`);
  write('lib/util.ts', `// helpers
export function scale(x: number) { return x * 2; }
export function unused(x: number) { return x + 1; }`);
  write('stages/data.ts', stage(`import { scale } from '../lib/util.ts';
export default defineStage({ name: 'data', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) { appendFileSync('${log()}', ctx.id + '\\n'); ctx.writeJson('data.json', { n: scale(ctx.params.data.n), seed: ctx.instance.seed }); } });`));
  write('stages/train.ts', stage(`export default defineStage({ name: 'train', deps: ['data'], grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) { appendFileSync('${log()}', ctx.id + '\\n');
    const d = ctx.input('data', { seed: ctx.instance.seed }).json<{ n: number }>('data.json');
    ctx.writeJson('model.json', { w: Math.round(d.n * ctx.params.train.lr) }); } });`));
  write('stages/summary.ts', stage(`export default defineStage({ name: 'summary', deps: ['train'],
  run(ctx) { appendFileSync('${log()}', ctx.id + '\\n'); ctx.writeJson('sum.json', ctx.inputs('train').map((u) => u.json<{ w: number }>('model.json').w)); } });`));
  setParams({ seed: 1, seeds: [0, 1], data: { n: 3, unread: 1 }, train: { lr: 1 } });
}

function setParams(p: object) {
  write('params.json', JSON.stringify(p));
}

/** Run the pipeline; return the ids whose body ran, sorted. */
async function run(extra: { sets?: string[] } = {}): Promise<string[]> {
  writeFileSync(log(), '');
  const events: RunEvent[] = [];
  const reporter: Reporter = { event: (e) => events.push(e), close() {} };
  const r = await runCommand({ root: dir, targets: [], jobs: 2, dryRun: false, force: false, reporter, workerScript: join(repo, 'dist/worker.mjs'), noGc: true, ...extra });
  assert.equal(r.failed, [], JSON.stringify(events.filter((e) => e.type === 'failed')));
  return readFileSync(log(), 'utf8').split('\n').filter(Boolean).sort();
}

test.before(async () => {
  await buildEngine();
});
test.before.each(setup);
test.after.each(() => rmSync(dir, { recursive: true, force: true }));

test('first run builds everything; a second run builds nothing', async () => {
  // initially everything is missing
  assert.equal((await run()).length, 5);
  // nothing changed, so all fresh
  assert.equal(await run(), []);
});

test('a param change reruns only the instances that read it', async () => {
  await run();
  // train reads train.lr; data and summary do not
  setParams({ seed: 1, seeds: [0, 1], data: { n: 3, unread: 1 }, train: { lr: 2 } });
  assert.equal(await run(), ['summary', 'train[seed=0]', 'train[seed=1]']);
  // a param nobody reads reruns nothing
  setParams({ seed: 1, seeds: [0, 1], data: { n: 3, unread: 99 }, train: { lr: 2 } });
  assert.equal(await run(), []);
});

test('a comment edit or an edit to an unused export reruns nothing', async () => {
  await run();
  write('lib/util.ts', `// helpers, now with a longer comment
export function scale(x: number) { return x * 2; /* same */ }
export function unused(x: number) { return x + 100; }`);
  assert.equal(await run(), []);
});

test('a helper edit reruns exactly its callers; identical outputs cut off downstream', async () => {
  await run();
  // data calls scale(); train and summary do not import util.ts
  write('lib/util.ts', `export function scale(x: number) { return x + x; }\nexport function unused(x: number) { return x + 1; }`);
  // data reruns, produces identical outputs, so train and summary are cut off
  assert.equal(await run(), ['data[seed=0]', 'data[seed=1]']);
  write('lib/util.ts', `export function scale(x: number) { return x * 3; }\nexport function unused(x: number) { return x + 1; }`);
  assert.equal(await run(), ['data[seed=0]', 'data[seed=1]', 'summary', 'train[seed=0]', 'train[seed=1]']);
});

test('reverting a param restores earlier results with zero stage executions', async () => {
  await run();
  await run({ sets: ['train.lr=5'] });
  // back to lr = 1: every result exists in the store
  assert.equal(await run(), []);
  const lock = JSON.parse(readFileSync(join(dir, 'repro.lock.json'), 'utf8'));
  assert.equal(lock.instances['train[seed=0]'].key.params, { 'train.lr': 1 });
});

test('bad params are rejected with path-named errors, all at once, and nothing runs', async () => {
  write(
    'params.schema.json',
    JSON.stringify({
      type: 'object',
      properties: {
        seed: { type: 'integer' },
        seeds: { type: 'array', items: { type: 'integer' } },
        data: { type: 'object', properties: { n: { type: 'integer', minimum: 1 }, unread: {} }, additionalProperties: false },
        train: { type: 'object', properties: { lr: { type: 'number', exclusiveMinimum: 0 } } },
      },
    }),
  );
  setParams({ seed: 1, seeds: [0, 1], data: { n: 0, typo: 1 }, train: { lr: -1 } });
  writeFileSync(log(), '');
  try {
    await run();
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, ParamsError);
    const msg = (e as Error).message;
    assert.match(msg, 'params.data.n: 0 — must be >= 1');
    assert.match(msg, 'params.data.typo: unknown parameter (allowed here: n, unread)');
    assert.match(msg, 'params.train.lr: -1 — must be > 0');
  }
  assert.equal(readFileSync(log(), 'utf8'), '');
});

test('a file in a declared directory reruns exactly its readers when replaced', async () => {
  write('ext/a.bin', 'one');
  write(
    'stages/summary.ts',
    stage(`export default defineStage({ name: 'summary', deps: ['train'], files: (p) => [p.extDir],
  run(ctx) { appendFileSync('${log()}', ctx.id + '\\n'); ctx.writeJson('sum.json', 1); } });`),
  );
  setParams({ seed: 1, seeds: [0, 1], data: { n: 3, unread: 1 }, train: { lr: 1 }, extDir: join(dir, 'ext') });
  await run();
  // the same content again: nothing to do
  write('ext/a.bin', 'one');
  assert.equal(await run(), []);
  write('ext/b.bin', 'two');
  assert.equal(await run(), ['summary']);
});

test('an external command runs through ctx.$ in the staging dir; editing its declared script reruns the stage', async () => {
  write('tools/count.sh', 'printf "%s" "$1" > count.txt\n');
  write(
    'stages/summary.ts',
    stage(`export default defineStage({ name: 'summary', deps: ['train'], files: ['tools/count.sh'],
  async run(ctx) { appendFileSync('${log()}', ctx.id + '\\n');
    await ctx.$\`sh ${join(dir, 'tools/count.sh')} ${'$'}{String(ctx.inputs('train').length)}\`; } });`),
  );
  await run();
  const lock = JSON.parse(readFileSync(join(dir, 'repro.lock.json'), 'utf8'));
  assert.equal(Object.keys(lock.instances.summary.outputs), ['count.txt']);
  // a whitespace-only edit of the script is still a change of a declared file
  write('tools/count.sh', 'printf "%s"  "$1" > count.txt\n');
  assert.equal(await run(), ['summary']);
  assert.equal(await run(), []);
});

test('why lists the changed fields; status says stale', async () => {
  await run();
  setParams({ seed: 1, seeds: [0, 1], data: { n: 3, unread: 1 }, train: { lr: 0.5 } });
  const why = await whyCommand({ root: dir, id: 'train[seed=0]' });
  assert.equal(why, ['train[seed=0]: would run', '  params.train.lr 1→0.5', '  upstream data[seed=0]: unchanged']);
  write('lib/util.ts', `export function scale(x: number) { return x * 4; }`);
  const whyData = await whyCommand({ root: dir, id: 'data[seed=1]' });
  assert.equal(whyData, ['data[seed=1]: would run', '  code: lib/util.ts changed']);
  const rows = await statusCommand({ root: dir, targets: ['train'] });
  assert.equal(rows.find((r) => r.id === 'train[seed=1]')?.status, 'stale');
});

test.run();
