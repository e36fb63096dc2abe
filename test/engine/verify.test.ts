/**
 * Corrupt objects: `repro verify` finds a bit-flipped object (exit 1, naming it)
 * and the next run rebuilds it; a run that reads a bit-flipped upstream object
 * detects the hash mismatch, rebuilds the upstream and never uses the bad bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, flipBit, makeProject, objectPath, outputHashes, readLockFile, removeProject, repro, storedObjects } from './fixture.ts';

const test = suite('engine/verify');

const STAGES = {
  'stages/a.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', { n: ctx.params.n }); } });
`,
  'stages/b.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'b', deps: ['a'], grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) {
    const x = ctx.input('a').json<{ n: number }>('a.json');
    ctx.writeJson('b.json', { v: x.n * ctx.params.k + Number(ctx.instance.seed) });
  } });
`,
};
const PARAMS = { n: 2, k: 10, seeds: [0, 1, 2] };
const RUN = ['run', '-j', '2', '--no-gc'];
const dirs: string[] = [];
const project = async () => {
  const d = makeProject({ stages: STAGES, params: PARAMS });
  dirs.push(d);
  const r = await repro(d, RUN);
  assert.is(r.code, 0, r.stderr);
  return d;
};

/** Flip the low bit of the first digit in a stored JSON object: still valid JSON, a different number. */
function flipDigit(path: string): void {
  const at = readFileSync(path, 'utf8').search(/\d/);
  assert.ok(at >= 0);
  flipBit(path, at);
}

const aObject = (dir: string) => readLockFile(dir).instances.a!.outputs['a.json']!;
const bValue = (dir: string, seed: number) =>
  JSON.parse(readFileSync(objectPath(dir, readLockFile(dir).instances[`b[seed=${seed}]`]!.outputs['b.json']!), 'utf8')) as { v: number };

test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('verify is clean on an intact store', async () => {
  const dir = await project();
  const v = await repro(dir, ['verify']);
  assert.is(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, new RegExp(`${storedObjects(dir).size} objects checked, 0 corrupt`));
});

test('verify names a bit-flipped object and exits 1; the next run rebuilds it', async () => {
  const dir = await project();
  const before = outputHashes(dir);
  const h = readLockFile(dir).instances['b[seed=1]']!.outputs['b.json']!;
  flipDigit(objectPath(dir, h));
  const v = await repro(dir, ['verify']);
  assert.is(v.code, 1, v.stdout + v.stderr);
  assert.match(v.stdout, new RegExp(`corrupt ${h}`));
  assert.match(v.stdout, / 1 corrupt/);
  // Only that object is reported.
  assert.is(v.stdout.split('\n').filter((l) => l.startsWith('corrupt ')).length, 1);

  const r = await repro(dir, [...RUN, '--json']);
  assert.is(r.code, 0, r.stderr);
  const outcomes = (JSON.parse(r.stdout) as { instances: Record<string, { outcome: string }> }).instances;
  assert.is(outcomes['b[seed=1]']?.outcome, 'ran');
  assert.equal(outputHashes(dir), before);
  assert.equal(bValue(dir, 1), { v: 21 });
  const again = await repro(dir, ['verify']);
  assert.is(again.code, 0, again.stdout);
});

test('a corrupt upstream object is detected on read during a run, rebuilt, never used', async () => {
  const dir = await project();
  const h = aObject(dir);
  flipDigit(objectPath(dir, h)); // {"n":2} → {"n":3}: valid JSON, wrong value
  // Change a param only the downstream reads, so it reruns and reads `a` from the store.
  const r = await repro(dir, [...RUN, '--set', 'k=100']);
  assert.is(r.code, 0, r.stderr);
  for (const seed of [0, 1, 2]) assert.equal(bValue(dir, seed), { v: 2 * 100 + seed }, `b[seed=${seed}] used the corrupt upstream`);
  assert.is(aObject(dir), h, 'the rebuilt upstream has the same content hash');
  assert.ok(existsSync(objectPath(dir, h)));
  assert.equal(JSON.parse(readFileSync(objectPath(dir, h), 'utf8')), { n: 2 });
  // The upstream ran (once) to rebuild the corrupt object.
  assert.is(r.stderr.split('\n').filter((l) => / run {4}a /.test(l)).length, 1, r.stderr);
  const v = await repro(dir, ['verify']);
  assert.is(v.code, 0, v.stdout);
});

test.run();
