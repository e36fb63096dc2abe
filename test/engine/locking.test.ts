/**
 * The project lock: concurrent runs on one project never corrupt it (the second
 * waits), and a lock left by a dead owner, or one whose heartbeat stopped, is
 * broken automatically; a live lock is respected.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, outputHashes, readLockFile, removeProject, repro, runJson, sleep, startRepro } from './fixture.ts';

const test = suite('engine/locking');

const STAGES = {
  'stages/slow.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'slow', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  async run(ctx) {
    await new Promise((r) => setTimeout(r, ctx.params.ms));
    ctx.writeJson('slow.json', { v: ctx.params.k * Number(ctx.instance.seed) });
  } });
`,
  'stages/other.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'other',
  async run(ctx) {
    await new Promise((r) => setTimeout(r, ctx.params.ms));
    ctx.writeJson('other.json', { w: ctx.params.w });
  } });
`,
  'stages/after.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'after', deps: ['slow', 'other'],
  run(ctx) {
    const v = ctx.inputs('slow').map((u) => u.json<{ v: number }>('slow.json').v);
    ctx.writeJson('after.json', { v, w: ctx.input('other').json<{ w: number }>('other.json').w });
  } });
`,
};
const PARAMS = { seeds: [0, 1], k: 3, w: 1, ms: 200 };
const RUN = ['run', '-j', '2', '--no-gc'];
const dirs: string[] = [];
const project = () => {
  const d = makeProject({ stages: STAGES, params: PARAMS });
  dirs.push(d);
  return d;
};

/** A pid that certainly belonged to a process and is certainly not running now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function writeLock(dir: string, owner: { pid: number; host: string; pidStart?: string }, ageSeconds = 0): void {
  const lock = join(dir, 'cache', 'lock');
  mkdirSync(lock, { recursive: true });
  const file = join(lock, 'owner.json');
  writeFileSync(file, JSON.stringify({ ...owner, started: new Date().toISOString(), command: 'repro run (test)' }));
  if (ageSeconds) {
    const then = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(file, then, then);
    utimesSync(lock, then, then);
  }
}

/** Resolves true once the child's stderr matches `re`, false if it exits or `ms` pass first. */
function stderrShows(child: ReturnType<typeof startRepro>, re: RegExp, ms = 30_000): Promise<boolean> {
  let seen = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.stderr!.on('data', (c: Buffer) => {
      seen += c;
      if (re.test(seen)) (clearTimeout(timer), resolve(true));
    });
    void child.done.then(() => (clearTimeout(timer), resolve(re.test(seen))));
  });
}

test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('two concurrent runs both exit 0, the second waits, the store verifies clean', async () => {
  const dir = project();
  const a = startRepro(dir, RUN);
  await sleep(50);
  const b = startRepro(dir, RUN);
  const [ra, rb] = await Promise.all([a.done, b.done]);
  assert.is(ra.code, 0, ra.stderr);
  assert.is(rb.code, 0, rb.stderr);
  assert.match(ra.stderr + rb.stderr, /waiting: another repro run holds the project lock \(pid \d+/);
  const v = await repro(dir, ['verify']);
  assert.is(v.code, 0, v.stdout);
  assert.match(v.stdout, / 0 corrupt/);
  assert.equal(Object.keys(outputHashes(dir)).sort(), ['after', 'other', 'slow[seed=0]', 'slow[seed=1]']);
  assert.not.ok(existsSync(join(dir, 'cache', 'lock')));
  const again = runJson(await repro(dir, [...RUN, '--json']));
  assert.equal(again.summary.counts.fresh, 4, JSON.stringify(again));
});

test('concurrent runs of disjoint targets both keep their results in repro.lock.json', async () => {
  const dir = project();
  assert.is((await repro(dir, RUN)).code, 0);
  // Change what each target reads, then bring the two targets up to date at the same time.
  const set = ['--set', 'k=5', '--set', 'w=2'];
  const a = startRepro(dir, [...RUN, ...set, 'slow']);
  await sleep(50);
  const b = startRepro(dir, [...RUN, ...set, 'other']);
  const [ra, rb] = await Promise.all([a.done, b.done]);
  assert.is(ra.code, 0, ra.stderr);
  assert.is(rb.code, 0, rb.stderr);
  const lock = readLockFile(dir).instances;
  assert.is(lock['slow[seed=1]']?.key.params.k, 5, 'the first run’s result was lost from repro.lock.json');
  assert.is(lock.other?.key.params.w, 2, 'the second run’s result was lost from repro.lock.json');
  const status = runJson(await repro(dir, [...RUN, ...set, '--json', '--dry-run', 'slow', 'other']));
  for (const [id, s] of Object.entries(status.instances)) assert.is(s.outcome, 'fresh', `${id}: ${JSON.stringify(s)}`);
});

test('a lock whose owner process is dead is broken at once', async () => {
  const dir = project();
  writeLock(dir, { pid: deadPid(), host: hostname() });
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  // The stale-heartbeat limit is 15 s: breaking a dead owner's lock must not wait for it.
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  assert.not.ok(existsSync(join(dir, 'cache', 'lock')));
});

test('three runs racing to break the same dead owner\'s lock run one at a time', async () => {
  const sentinel = `${STAGE_IMPORT}
import { openSync, closeSync, unlinkSync } from 'node:fs';
export default defineStage({ name: 'excl',
  async run(ctx) {
    // Fails if another run's instance is inside this section at the same time.
    closeSync(openSync(ctx.params.sentinel, 'wx'));
    await new Promise((r) => setTimeout(r, 150));
    unlinkSync(ctx.params.sentinel);
    ctx.writeJson('ok.json', true);
  } });
`;
  const dir = makeProject({ stages: { 'stages/excl.ts': sentinel }, params: {} });
  dirs.push(dir);
  const args = [...RUN, '--force', '--set', `sentinel=${JSON.stringify(join(dir, 'sentinel'))}`];
  assert.is((await repro(dir, args)).code, 0);
  writeLock(dir, { pid: deadPid(), host: hostname() });
  const results = await Promise.all([0, 1, 2].map(() => startRepro(dir, args).done));
  for (const r of results) assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(join(dir, 'cache', 'lock')));
});

test('a lock on another host whose heartbeat stopped is broken', async () => {
  const dir = project();
  // The owner's pid cannot be checked from here: only the heartbeat tells.
  writeLock(dir, { pid: process.pid, host: 'some-other-host' }, 120);
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('on this host a live owner keeps its lock however old its heartbeat (paused by Ctrl-Z or a debugger)', async () => {
  const dir = project();
  writeLock(dir, { pid: process.pid, host: hostname() }, 120);
  const owner = join(dir, 'cache', 'lock', 'owner.json');
  const held = readFileSync(owner, 'utf8');
  const child = startRepro(dir, RUN);
  const waited = await stderrShows(child, /waiting: another repro run holds the project lock/);
  assert.is(existsSync(owner) ? readFileSync(owner, 'utf8') : 'removed', held, 'the lock of a live owner was broken');
  assert.ok(waited, 'the run did not wait for the live owner');
  await sleep(500);
  assert.is(child.exitCode, null, 'the run did not keep waiting');
  rmSync(join(dir, 'cache', 'lock'), { recursive: true, force: true });
  const r = await child.done;
  assert.is(r.code, 0, r.stderr);
});

test('a live pid that is not the owner (pid reused after the owner died) does not hold the lock', async () => {
  const dir = project();
  writeLock(dir, { pid: process.pid, host: hostname(), pidStart: '1' });
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('a run whose lock was taken over never removes the new owner\'s lock when it ends', async () => {
  const dir = project();
  const child = startRepro(dir, [...RUN, '--set', 'ms=1500']);
  const owner = join(dir, 'cache', 'lock', 'owner.json');
  for (let i = 0; i < 100 && !existsSync(owner); i++) await sleep(50);
  assert.ok(existsSync(owner), 'the run never took the lock');
  // As if another host broke it (missed heartbeats) and took it: the lock is now someone else's.
  const theirs = JSON.stringify({ pid: 1, host: 'some-other-host', started: new Date().toISOString(), command: 'repro run (other host)' });
  writeFileSync(owner, theirs);
  const r = await child.done;
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(owner), 'the first run removed a lock it no longer owned');
  assert.is(readFileSync(owner, 'utf8'), theirs);
});

test('an empty lock dir (left by an older engine killed between mkdir and writing the owner) does not block the next run', async () => {
  const dir = project();
  mkdirSync(join(dir, 'cache', 'lock'), { recursive: true });
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
});

test('a live lock with a fresh heartbeat is respected: the run waits until it is released', async () => {
  const dir = project();
  writeLock(dir, { pid: process.pid, host: hostname() });
  const child = startRepro(dir, RUN);
  assert.ok(await stderrShows(child, /waiting: another repro run holds the project lock/), 'the run did not wait for a live lock');
  await sleep(500);
  assert.is(child.exitCode, null, 'the run did not wait for a live lock');
  assert.not.ok(existsSync(join(dir, 'repro.lock.json')), 'the run went ahead while the lock was held');
  rmSync(join(dir, 'cache', 'lock'), { recursive: true, force: true });
  const r = await child.done;
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`waiting: another repro run holds the project lock \\(pid ${process.pid} `));
});

test.run();
