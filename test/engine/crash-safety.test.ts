/**
 * Crash safety: `kill -9` a run (the whole process group: scheduler and
 * workers) at random points. After every kill the store verifies clean and
 * repro.lock.json is intact JSON; the next run completes, redoes only what was
 * unfinished, leaves no staging dirs, and ends with the same output hashes as
 * an uninterrupted run.
 */
import { existsSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, killGroup, makeProject, outputHashes, readLockFile, removeProject, repro, runJson, sleep, startRepro, survivors, pidsFromFiles } from './fixture.ts';

const test = suite('engine/crash-safety');

const N = 4;
const ITERATIONS = 20;

// Every stage reads `salt` (so a new salt reruns everything) but its outputs do not
// depend on it, so every iteration must end with the reference hashes.
const STAGES = {
  'stages/gen.ts': `${STAGE_IMPORT}
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));
export default defineStage({ name: 'gen', grid: (p) => Array.from({ length: p.n }, (_, i) => ({ i })),
  async run(ctx) {
    void ctx.params.salt;
    const i = Number(ctx.instance.i);
    const x = new Float64Array(40000).map((_, j) => Math.sin(i * 1000 + j));
    ctx.writeF64('x.f64', x);
    await nap(20);
    ctx.writeJson('meta/info.json', { i, len: x.length });
    await nap(10);
  } });
`,
  'stages/sq.ts': `${STAGE_IMPORT}
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));
export default defineStage({ name: 'sq', deps: ['gen'], grid: (p) => Array.from({ length: p.n }, (_, i) => ({ i })),
  async run(ctx) {
    void ctx.params.salt;
    const x = ctx.input('gen', { i: ctx.instance.i }).f64('x.f64');
    await nap(20);
    ctx.writeF64('sq.f64', x.map((v) => v * v));
    ctx.writeJson('sum.json', { s: x.reduce((a, v) => a + v * v, 0) });
  } });
`,
  'stages/total.ts': `${STAGE_IMPORT}
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));
export default defineStage({ name: 'total', deps: ['sq'],
  async run(ctx) {
    void ctx.params.salt;
    const s = ctx.inputs('sq').map((u) => u.json<{ s: number }>('sum.json').s);
    await nap(10);
    ctx.writeJson('total.json', { total: s.reduce((a, b) => a + b, 0), parts: s.length });
  } });
`,
};

const RUN = ['run', '-j', '2', '--json', '--no-gc'];
const dirs: string[] = [];
let reference: Record<string, string> = {};
let referenceMs = 0;

test.before(async () => {
  ensureBuilt();
  const dir = makeProject({ stages: STAGES, params: { n: N, salt: 0 } });
  dirs.push(dir);
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  reference = outputHashes(dir);
  referenceMs = r.ms;
});

test.after(() => dirs.forEach(removeProject));

test('an uninterrupted run builds every instance', () => {
  assert.is(Object.keys(reference).length, 2 * N + 1);
});

/** One kill-and-recover iteration on `dir`; returns how many kills hit a running process. */
async function iteration(dir: string, it: number): Promise<number> {
  let killedMidRun = 0;
  // Every 5th iteration starts from nothing (code bundling included); the others
  // rerun everything over the existing store with a new salt.
  if (it % 5 === 0) {
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    rmSync(join(dir, 'repro.lock.json'), { force: true });
  }
  const args = [...RUN, '--set', `salt=${it + 1}`];
  // Sometimes kill twice before letting a run finish, so a killed run also resumes a killed run.
  const kills = it % 5 === 4 ? 2 : 1;
  for (let k = 0; k < kills; k++) {
    const child = startRepro(dir, args);
    const at = Math.random() * referenceMs * 1.3;
    await sleep(at);
    killGroup(child);
    const r = await child.done;
    if (r.signal === 'SIGKILL') killedMidRun++;
    else assert.is(r.code, 0, `iteration ${it}: run not killed (after ${at.toFixed(0)} ms) but failed:\n${r.stderr}`);

    const v = await repro(dir, ['verify']);
    assert.is(v.code, 0, `iteration ${it}: verify after a kill at ${at.toFixed(0)} ms:\n${v.stdout}${v.stderr}`);
    assert.match(v.stdout, / 0 corrupt/);
    if (existsSync(join(dir, 'repro.lock.json'))) readLockFile(dir); // throws if torn
  }

  // What the killed run finished with this salt must not run again.
  const finished = existsSync(join(dir, 'repro.lock.json'))
    ? Object.entries(readLockFile(dir).instances).filter(([, e]) => e.key.params.salt === it + 1).map(([id]) => id)
    : [];
  const done = await repro(dir, args);
  assert.is(done.code, 0, `iteration ${it}: the run after the kill failed:\n${done.stderr}`);
  const outcomes = runJson(done).instances;
  for (const id of finished) assert.not.equal(outcomes[id]?.outcome, 'ran', `iteration ${it}: ${id} finished before the kill but ran again`);
  assert.equal(outputHashes(dir), reference, `iteration ${it}: output hashes differ from the uninterrupted run`);
  const tmp = join(dir, 'cache', 'tmp');
  assert.equal(existsSync(tmp) ? readdirSync(tmp) : [], [], `iteration ${it}: staging dirs left behind`);
  assert.not.ok(existsSync(join(dir, 'cache', 'lock')), `iteration ${it}: project lock left behind`);
  return killedMidRun;
}

test(`kill -9 at ${ITERATIONS} random points: verify clean, next run completes with identical hashes`, async () => {
  // Two independent projects, killed and recovered side by side (halves the wall time).
  const lanes = [0, 1].map(async (lane) => {
    const dir = makeProject({ stages: STAGES, params: { n: N, salt: 0 } });
    dirs.push(dir);
    let killed = 0;
    for (let it = lane; it < ITERATIONS; it += 2) killed += await iteration(dir, it);
    return killed;
  });
  const killedMidRun = (await Promise.all(lanes)).reduce((a, b) => a + b, 0);
  // The random points must really have hit running processes most of the time.
  assert.ok(killedMidRun >= ITERATIONS / 2, `only ${killedMidRun} kills hit a running process`);
});

test('a code bundle torn by a kill mid-write (empty file, state not saved) is rewritten, not used', async () => {
  const dir = makeProject({ stages: STAGES, params: { n: 2, salt: 0 } });
  dirs.push(dir);
  assert.is((await repro(dir, RUN)).code, 0);
  const hashes = outputHashes(dir);
  // The state a kill between open() and write() of a new bundle leaves: an empty
  // bundle file and no saved stat cache (state files are caches, written at the end).
  const build = join(dir, 'cache', 'build');
  for (const d of readdirSync(build)) if (existsSync(join(build, d, 'stage.mjs'))) truncateSync(join(build, d, 'stage.mjs'), 0);
  rmSync(join(dir, 'cache', 'state'), { recursive: true, force: true });
  const r = await repro(dir, [...RUN, '--force']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.equal(outputHashes(dir), hashes);
});

test('kill -9 of the scheduler alone (OOM killer, kill <pid>) stops its workers: no orphan finishes a job nobody commits', async () => {
  const stage = `${STAGE_IMPORT}
import { writeFileSync } from 'node:fs';
export default defineStage({ name: 'long', grid: () => [{ mode: 'sync' }, { mode: 'async' }],
  async run(ctx) {
    writeFileSync(ctx.params.marker + '-' + ctx.instance.mode, String(process.pid));
    const end = Date.now() + 20_000;
    // A synchronous loop that reports progress, and an awaiting one.
    if (ctx.instance.mode === 'sync') while (Date.now() < end) ctx.progress(1 - (end - Date.now()) / 20_000);
    else while (Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    ctx.writeJson('done.json', true);
  } });
`;
  const dir = makeProject({ stages: { 'stages/long.ts': stage }, params: {} });
  dirs.push(dir);
  const marker = join(dir, 'worker');
  const child = startRepro(dir, ['run', '-j', '2', '--set', `marker=${JSON.stringify(marker)}`]);
  let pids: number[] = [];
  try {
    pids = await pidsFromFiles([`${marker}-sync`, `${marker}-async`], 20_000);
    assert.is(pids.length, 2, 'workers did not start');
    process.kill(child.pid!, 'SIGKILL'); // the scheduler only, not its process group
    await child.done;
    assert.equal(await survivors(pids), [], 'worker processes outlived their scheduler by 3 s');
  } finally {
    killGroup(child);
  }
});

test.run();
