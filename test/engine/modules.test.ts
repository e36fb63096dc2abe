/**
 * Bundled stage code behaves as its source: module-relative paths
 * (`new URL('./x.json', import.meta.url)`) resolve next to the source file, and a
 * failing stage's stack trace names the real source file and line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, copyProject, ensureBuilt, makeProject, removeProject, repro, runJson } from './fixture.ts';

const test = suite('engine/modules');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('new URL(…, import.meta.url) in a stage and in a helper resolves next to the source, wherever the project is', async () => {
  const dir = makeProject({
    stages: {
      'stages/table.ts': `${STAGE_IMPORT}
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { helperTable } from '../lib/helper.ts';
export default defineStage({ name: 'table',
  run(ctx) {
    const own = JSON.parse(readFileSync(new URL('./table.json', import.meta.url), 'utf8'));
    ctx.writeJson('out.json', { own, helper: helperTable(), dir: import.meta.dirname === fileURLToPath(new URL('.', import.meta.url)).replace(/\\/$/, '') });
  } });
`,
    },
    params: {},
    files: {
      'stages/table.json': { rows: 3 },
      'lib/helper.ts': `import { readFileSync } from 'node:fs';
export const helperTable = () => JSON.parse(readFileSync(new URL('./data/h.json', import.meta.url), 'utf8'));
`,
      'lib/data/h.json': { h: 7 },
    },
  });
  dirs.push(dir);
  const r = await repro(dir, ['run', '--no-gc']);
  assert.is(r.code, 0, r.stderr);
  const out = await repro(dir, ['show', 'table', 'out.json']);
  assert.equal(JSON.parse(out.stdout), { own: { rows: 3 }, helper: { h: 7 }, dir: true });
  // A copy of the project elsewhere, cache included: same keys (nothing reruns), and the paths follow the copy.
  const copy = copyProject(dir, { withCache: true });
  dirs.push(copy);
  removeProject(join(dir, 'lib'));
  const again = runJson(await repro(copy, ['run', '--no-gc', '--json', '--force']));
  assert.is(again.instances.table?.outcome, 'ran', JSON.stringify(again));
  assert.equal(JSON.parse((await repro(copy, ['show', 'table', 'out.json'])).stdout).helper, { h: 7 });
});

test('a failing stage reports a stack trace that names its real source file and line', async () => {
  const dir = makeProject({
    stages: {
      'stages/boom.ts': `${STAGE_IMPORT}
import { explode } from '../lib/explode.ts';
export default defineStage({ name: 'boom',
  run(ctx) {
    ctx.writeJson('x.json', explode(ctx.params.n));
  } });
`,
    },
    params: { n: 1 },
    files: {
      'lib/explode.ts': `// a helper that fails
export function explode(n: number): number {
  if (n > 0) throw new Error('boom at n=' + n);
  return n;
}
`,
    },
  });
  dirs.push(dir);
  const r = await repro(dir, ['run', '--no-gc']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /boom at n=1/);
  const at = /\(?(\/[^\s():]+\/lib\/explode\.ts):(\d+):\d+\)?/.exec(r.stderr);
  assert.ok(at, `no frame in lib/explode.ts:\n${r.stderr}`);
  assert.is(at![1], join(dir, 'lib', 'explode.ts'));
  assert.ok(existsSync(at![1]!), `${at![1]} does not exist`);
  assert.is(at![2], '3', 'the line of the throw');
  assert.not.match(r.stderr, /cache\/build/);
});

test.run();
