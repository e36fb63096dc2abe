/**
 * Stat caches never hide a change: declared files and code are re-read when
 * their (size, mtime, ctime, inode) moved, including after `cp -p`, `rsync -t`
 * or `tar x`, which restore the old mtime on a same-size file.
 */
import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro, runJson } from './fixture.ts';

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

test.run();
