/**
 * GC: `repro gc --dry-run` lists exactly the objects a real `repro gc` then
 * removes (and exactly those disappear from the store), a dry run deletes
 * nothing, and GC never removes what the current pipeline uses.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, copyProject, ensureBuilt, makeProject, outputHashes, readLockFile, removeProject, repro, runJson, storedObjects, type CliResult } from './fixture.ts';

const test = suite('engine/gc');

const STAGES = {
  'stages/a.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'a', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) {
    const n = ctx.params.n;
    ctx.writeJson('a.json', { n, seed: ctx.instance.seed });
    ctx.writeF64('big.f64', new Float64Array(1000 * n).fill(n + Number(ctx.instance.seed)));
  } });
`,
  'stages/b.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'b', deps: ['a'],
  run(ctx) { ctx.writeJson('b.json', { sum: ctx.inputs('a').reduce((s, u) => s + u.f64('big.f64').length, 0) }); } });
`,
};
const RUN = ['run', '-j', '2', '--no-gc', '--json'];
/** The current generation (the last one built by `buildBase()`). */
const CURRENT = ['--set', 'n=4'];
const dirs: string[] = [];

/** A project with four generations of results (n = 1..4), the last one current; built once, copied per test. */
let base = '';
async function buildBase(): Promise<void> {
  base = makeProject({ stages: STAGES, params: { n: 1, seeds: [0, 1] } });
  dirs.push(base);
  for (const n of [1, 2, 3, 4]) {
    const r = await repro(base, [...RUN, '--set', `n=${n}`]);
    assert.is(r.code, 0, r.stderr);
  }
}
function project(): string {
  const dir = copyProject(base, { withCache: true });
  dirs.push(dir);
  return dir;
}

/** Hashes listed by `repro gc` ("would remove <hash> …" or "removed <hash> …"). */
const listed = (r: CliResult) =>
  r.stdout
    .split('\n')
    .map((l) => /^(?:would remove|removed) ([0-9a-f]{16,}) /.exec(l)?.[1])
    .filter((h): h is string => !!h)
    .sort();
const summary = (r: CliResult) => /(\d+) objects \(([^)]*)\), (\d+) run records/.exec(r.stdout)?.slice(1);

function currentObjects(dir: string): Set<string> {
  return new Set(Object.values(readLockFile(dir).instances).flatMap((e) => Object.values(e.outputs)));
}

async function dryThenReal(dir: string, args: string[]): Promise<{ dry: string[]; real: string[]; gone: string[] }> {
  const before = storedObjects(dir);
  const d = await repro(dir, ['gc', '--dry-run', ...args]);
  assert.is(d.code, 0, d.stderr);
  assert.equal([...storedObjects(dir).keys()].sort(), [...before.keys()].sort(), 'a dry run deleted objects');
  const r = await repro(dir, ['gc', ...args]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(summary(d), summary(r), `summaries differ:\n${d.stdout}\n${r.stdout}`);
  const after = storedObjects(dir);
  const gone = [...before.keys()].filter((h) => !after.has(h)).sort();
  return { dry: listed(d), real: listed(r), gone };
}

test.before(async () => {
  ensureBuilt();
  await buildBase();
});
test.after(() => dirs.forEach(removeProject));

test('--keep-last 0: dry run lists exactly what gc removes; the current results stay', async () => {
  const dir = project();
  const current = currentObjects(dir);
  const hashes = outputHashes(dir);
  const { dry, real, gone } = await dryThenReal(dir, ['--keep-last', '0', '--max-size', '1GB']);
  assert.ok(dry.length > 0, 'nothing to collect: the fixture is wrong');
  assert.equal(dry, real);
  assert.equal(real, gone);
  // Every old generation is gone, every current object stays.
  assert.equal([...storedObjects(dir).keys()].sort(), [...current].sort());
  const r = await repro(dir, [...RUN, ...CURRENT]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(runJson(r).summary.counts.fresh, 3, r.stdout);
  assert.equal(outputHashes(dir), hashes);
  // An evicted generation is rebuilt (not restored from half-deleted records).
  const old = await repro(dir, [...RUN, '--set', 'n=2']);
  assert.is(old.code, 0, old.stderr);
  assert.equal(runJson(old).summary.counts.ran, 3, old.stdout);
});

test('--keep-last 2 with a size cap: LRU eviction is listed exactly, current results are never evicted', async () => {
  const dir = project();
  const current = currentObjects(dir);
  const objects = storedObjects(dir);
  const { statSync } = await import('node:fs');
  const protectedBytes = [...current].reduce((s, h) => s + statSync(objects.get(h)!).size, 0);
  // A cap just above what the pipeline uses: kept older results must be evicted to reach it.
  const cap = protectedBytes + 30_000;
  const { dry, real, gone } = await dryThenReal(dir, ['--keep-last', '2', '--max-size', String(cap)]);
  assert.equal(dry, real);
  assert.equal(real, gone);
  for (const h of current) assert.ok(storedObjects(dir).has(h), `current object ${h} was evicted`);
  const left = [...storedObjects(dir).entries()].reduce((s, [, p]) => s + statSync(p).size, 0);
  assert.ok(left <= cap, `${left} bytes left, cap ${cap}`);
  assert.ok(left > protectedBytes, 'the cap left room for some older results, but all were evicted');
  const r = await repro(dir, [...RUN, ...CURRENT]);
  assert.equal(runJson(r).summary.counts.fresh, 3, r.stdout);
  // Older results whose objects survived restore without running; the rest rebuild. Either way, no failure.
  const old = await repro(dir, [...RUN, '--set', 'n=3']);
  assert.is(old.code, 0, old.stderr);
  const counts = runJson(old).summary.counts;
  assert.is((counts.restored ?? 0) + (counts.ran ?? 0) + (counts.cutoff ?? 0), 3, old.stdout);
});

test('the size cap evicts by last use: a result restored recently outlives a newer one unused since', async () => {
  const dir = makeProject({ stages: STAGES, params: { n: 1, seeds: [0, 1] } });
  dirs.push(dir);
  const gen: Record<number, Set<string>> = {};
  for (const n of [1, 2, 1, 3]) {
    const r = await repro(dir, [...RUN, '--set', `n=${n}`]);
    assert.is(r.code, 0, r.stderr);
    gen[n] = currentObjects(dir);
  }
  const objects = storedObjects(dir);
  const { statSync } = await import('node:fs');
  const bytes = (hs: Set<string>) => [...hs].reduce((s, h) => s + statSync(objects.get(h)!).size, 0);
  // Room for the current results and one older generation: n=1 (used last, by the restore) must stay, n=2 must go.
  const cap = bytes(gen[3]!) + bytes(gen[1]!);
  const r = await repro(dir, ['gc', '--keep-last', '3', '--max-size', String(cap)]);
  assert.is(r.code, 0, r.stderr);
  const left = storedObjects(dir);
  for (const h of gen[1]!) assert.ok(left.has(h), `n=1 object ${h} (restored after n=2 ran) was evicted before n=2's`);
  for (const h of gen[2]!) assert.not.ok(left.has(h), `n=2 object ${h} (least recently used) was kept`);
});

test.run();
