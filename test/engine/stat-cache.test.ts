/**
 * Stat caches never hide a change: declared files and code are re-read when
 * their (size, mtime, ctime, inode) moved, including after `cp -p`, `rsync -t`
 * or `tar x`, which restore the old mtime on a same-size file.
 */
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../engine/commands/run.ts';
import { REPO, STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro, runJson } from './fixture.ts';

const test = suite('engine/stat-cache');
const dirs: string[] = [];
const RUN = ['run', '-j', '1', '--no-gc', '--json'];
const ran = async (dir: string) => {
  const r = await repro(dir, RUN);
  assert.is(r.code, 0, r.stderr);
  return Object.entries(runJson(r).instances).filter(([, s]) => s.outcome === 'ran').map(([id]) => id).sort();
};
/** Same size, old mtime (a whole second, so it is restored exactly): only ctime tells. */
const T = 1_700_000_000;
function replaceKeepingStat(dir: string, rel: string, content: string): void {
  const tmp = join(dir, 'incoming.tmp');
  writeFileSync(tmp, content);
  copyFileSync(tmp, join(dir, rel)); // overwrites in place: same inode
  utimesSync(join(dir, rel), T, T);
}

test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('a same-size file restored with its old mtime (cp -p, rsync -t, tar x) reruns its readers: data and code', async () => {
  const dir = makeProject({
    stages: {
      'stages/data.ts': `${STAGE_IMPORT}
import { readFileSync } from 'node:fs';
export default defineStage({ name: 'data', files: ['data/x.txt'], run(ctx) { ctx.writeJson('x.json', readFileSync('data/x.txt', 'utf8')); } });
`,
      'stages/calc.ts': `${STAGE_IMPORT}
import { K } from '../lib/k.ts';
export default defineStage({ name: 'calc', run(ctx) { ctx.writeJson('k.json', K); } });
`,
    },
    params: {},
    files: { 'data/x.txt': 'aaaa', 'lib/k.ts': 'export const K = 1;\n' },
  });
  dirs.push(dir);
  utimesSync(join(dir, 'data/x.txt'), T, T);
  utimesSync(join(dir, 'lib/k.ts'), T, T);
  assert.equal(await ran(dir), ['calc', 'data']);
  assert.equal(await ran(dir), []);
  replaceKeepingStat(dir, 'data/x.txt', 'bbbb');
  replaceKeepingStat(dir, 'lib/k.ts', 'export const K = 2;\n');
  assert.equal(await ran(dir), ['calc', 'data']);
  const r = await repro(dir, ['show', 'calc', 'k.json']);
  assert.is(r.stdout.trim(), '2');
});

/** Bytes this process has read through read(2) so far (Linux). */
const bytesRead = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

test('an unchanged upstream object is not re-hashed when a downstream reruns (verified through the stat cache)', async () => {
  const MIB = 1 << 20;
  const dir = makeProject({
    stages: {
      'stages/big.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'big', run(ctx) { ctx.writeF32('big.f32', new Float32Array(${(48 * MIB) / 4}).fill(ctx.params.v)); ctx.writeJson('small.json', 1); } });
`,
      'stages/reader.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'reader', deps: ['big'], run(ctx) { ctx.writeJson('r.json', ctx.input('big').json<number>('small.json') + ctx.params.r); } });
`,
    },
    params: { v: 1, r: 1 },
  });
  dirs.push(dir);
  const run = async (r: number) => {
    const res = await runCommand({
      root: dir, targets: [], jobs: 1, dryRun: false, force: false, noGc: true, sets: [`r=${r}`],
      reporter: { event() {}, close() {} }, workerScript: join(REPO, 'dist', 'worker.mjs'),
    });
    assert.equal(res.failed, []);
    return res.counts;
  };
  assert.is((await run(1)).ran, 2);
  const before = bytesRead();
  const counts = await run(2);
  const read = bytesRead() - before;
  assert.is(counts.ran, 1, 'only the reader reruns');
  assert.ok(read < 16 * MIB, `the run read ${(read / MIB).toFixed(1)} MiB: the 48 MiB upstream object was re-hashed`);
});

test.run();
