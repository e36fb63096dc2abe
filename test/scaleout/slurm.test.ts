/**
 * `--executor slurm` against a real one-node cluster (.ci/services/slurm.sh): same output
 * hashes as a local run; a cancelled task fails its instance with the SLURM state and log,
 * and the next run redoes only it (and its downstream); Ctrl-C of repro leaves no job
 * queued; a time limit is reported as such and `--retries 1` succeeds on twice the time.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, copyProject, ensureBuilt, makeProject, outputHashes, readLockFile, removeProject, repro, runJson, sleep, startRepro } from '../engine/fixture.ts';
import { activeJobs, runningTasks, slurmMissing, withService } from './services.ts';

const test = suite('scaleout/slurm');
const dirs: string[] = [];
const slurm = ['run', '--executor', 'slurm', '--json'];

/** A site config with a short grace period, so failures show within seconds. */
function site(dir: string): void {
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ slurm: { graceSeconds: 3, pollSeconds: [1, 3] } }));
  process.env.REPRO_SITE_CONFIG = join(dir, 'site.json');
}

const DAG = {
  'stages/gen.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'gen', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) { const x = []; let s = ctx.seed; for (let i = 0; i < 1000; i++) { s = (s * 1103515245 + 12345) % 2147483648; x.push(s / 2147483648); } ctx.writeF64('x.f64', Float64Array.from(x)); } });
`,
  'stages/sum.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'sum', deps: ['gen'],
  run(ctx) { ctx.writeJson('sum.json', ctx.inputs('gen').map((u) => u.f64('x.f64').reduce((a, b) => a + b, 0))); } });
`,
};

const SLOW = {
  'stages/a.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', 1); } });
`,
  'stages/slow.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'slow', deps: ['a'],
  async run(ctx) { await new Promise((r) => setTimeout(r, ctx.params.sleepMs)); ctx.writeJson('slow.json', ctx.input('a').json<number>('a.json') + 1); } });
`,
  'stages/after.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'after', deps: ['slow'], run(ctx) { ctx.writeJson('after.json', ctx.input('slow').json('slow.json')); } });
`,
};

/** Wait until a task of this project runs (or give up after `s` seconds). */
async function waitRunning(dir: string, s: number): Promise<string[]> {
  for (let i = 0; i < s * 4; i++) {
    const r = runningTasks(dir);
    if (r.length) return r;
    await sleep(250);
  }
  throw new Error(`no SLURM task of ${dir} started in ${s} s`);
}

withService(test, 'SLURM', slurmMissing(), () => {
  test.before(() => ensureBuilt());
  test.after(() => dirs.forEach(removeProject));

  test('a DAG through SLURM gives the same output hashes as the local run; the node is recorded', async () => {
    const dir = makeProject({ stages: DAG, params: { seeds: [0, 1, 2, 3] } });
    const local = copyProject(dir);
    dirs.push(dir, local);
    site(dir);
    const r = await repro(dir, slurm);
    assert.is(r.code, 0, r.stdout + r.stderr);
    assert.is(runJson(r).summary.counts.ran, 5, r.stdout);
    const l = await repro(local, ['run', '-j', '2', '--json']);
    assert.is(l.code, 0, l.stderr);
    assert.equal(outputHashes(dir), outputHashes(local));
    assert.is(Object.keys(outputHashes(dir)).length, 5);
    // Provenance: the node's host and Node version are recorded (not in the key).
    const show = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/repro.mjs'), 'show', 'sum', '-C', dir], { encoding: 'utf8' });
    assert.match(show.stdout, /finished .* in \d/);
    // Second run: nothing to do, nothing submitted.
    const again = await repro(dir, slurm);
    assert.is(runJson(again).summary.counts.ran, 0, again.stdout);
  });

  test('scancel of a running task fails its instance with the SLURM state and log; the next run redoes only it', async () => {
    const dir = makeProject({ stages: SLOW, params: { sleepMs: 12_000 } });
    dirs.push(dir);
    site(dir);
    const run = startRepro(dir, slurm);
    // `a` runs first, alone; once its result is committed, the running task is slow's.
    for (let i = 0; i < 240 && !readLockSafe(dir).includes('"a"'); i++) await sleep(250);
    const [slowTask] = await waitRunning(dir, 60);
    spawnSync('scancel', [slowTask!]);
    const r = await run.done;
    assert.is(r.code, 1, r.stdout + r.stderr);
    const out = runJson(r);
    assert.is(out.instances.slow?.outcome, 'failed');
    assert.match(out.instances.slow?.error ?? '', /CANCELLED/);
    assert.match(out.instances.slow?.error ?? '', /log: \/.*\.out/);
    assert.is(out.instances.after?.outcome, 'skipped');
    const next = await repro(dir, slurm);
    assert.is(next.code, 0, next.stdout + next.stderr);
    const c = runJson(next).summary.counts;
    assert.equal([c.ran, c.fresh], [2, 1], next.stdout); // slow and after ran; a was fresh
  });

  test('interrupting repro (SIGINT) cancels its SLURM jobs: none is left in squeue', async () => {
    const dir = makeProject({ stages: SLOW, params: { sleepMs: 60_000 } });
    dirs.push(dir);
    site(dir);
    const run = startRepro(dir, slurm);
    for (let i = 0; i < 240 && !readLockSafe(dir).includes('"a"'); i++) await sleep(250);
    await waitRunning(dir, 60);
    process.kill(run.pid!, 'SIGINT');
    const r = await run.done;
    assert.is(r.code, 130, r.stderr);
    await sleep(1000);
    assert.equal(activeJobs(dir), []);
  });

  test('a stage over its time limit: a clear TIMEOUT message; with --retries 1 it succeeds on twice the time', async () => {
    const LONG = {
      'stages/long.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'long', resources: { time: '1m' },
  async run(ctx) { await new Promise((r) => setTimeout(r, 95_000)); ctx.writeJson('long.json', ctx.params.n); } });
`,
    };
    const once = makeProject({ stages: LONG, params: { n: 1 } });
    const retried = makeProject({ stages: LONG, params: { n: 1 } });
    dirs.push(once, retried);
    site(once);
    // Both at once: SLURM enforces limits about every 30 s, so each attempt takes 60–90 s.
    const [a, b] = await Promise.all([repro(once, slurm), repro(retried, [...slurm, '--retries', '1'])]);
    assert.is(a.code, 1, a.stdout + a.stderr);
    assert.match(runJson(a).instances.long?.error ?? '', /exceeded its time limit of 00:01:00 on SLURM \(TIMEOUT.*--retries 1/);
    assert.is(b.code, 0, b.stdout + b.stderr);
    assert.is(runJson(b).instances.long?.outcome, 'ran');
    assert.ok(readLockFile(retried).instances.long, 'no result recorded');
  });
});

function readLockSafe(dir: string): string {
  try {
    return JSON.stringify(Object.keys(readLockFile(dir).instances));
  } catch {
    return '';
  }
}

test.run();
