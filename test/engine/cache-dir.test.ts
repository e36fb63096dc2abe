/**
 * `--cache-dir` moves the whole store, bundles included: nothing is written under the
 * project's `cache/`, a second run is a no-op, and GC prunes old bundles there.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro, runJson } from './fixture.ts';

const test = suite('engine/cache-dir');
const dir = makeProject({
  params: { n: 2 },
  stages: {
    'stages/a.ts': `${STAGE_IMPORT}\nexport default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', ctx.params.n); } });\n`,
    'stages/b.ts': `${STAGE_IMPORT}\nexport default defineStage({ name: 'b', deps: ['a'], run(ctx) { ctx.writeJson('b.json', ctx.input('a').json<number>('a.json') + 1); } });\n`,
  },
});
const elsewhere = mkdtempSync(join(tmpdir(), 'repro-cache-elsewhere-'));
const cache = join(elsewhere, 'store');

test('bundles, objects and state go to --cache-dir; a second run is a no-op', async () => {
  ensureBuilt();
  const first = await repro(dir, ['run', '--cache-dir', cache, '--json']);
  assert.is(first.code, 0, first.stderr);
  assert.is(runJson(first).summary.counts.ran, 2);
  assert.not.ok(existsSync(join(dir, 'cache')), 'something was written under <project>/cache');
  const bundles = readdirSync(join(cache, 'build')).filter((d) => d !== 'node_modules');
  assert.is(bundles.length, 3, `pipeline.ts and two stages: ${bundles.join(', ')}`);
  const second = await repro(dir, ['run', '--cache-dir', cache, '--json']);
  assert.is(runJson(second).summary.counts.fresh, 2, second.stdout);
});

test('gc prunes bundles unused for a day from --cache-dir/build', async () => {
  const old = join(cache, 'build', 'f'.repeat(32));
  mkdirSync(old, { recursive: true });
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  const gc = await repro(dir, ['gc', '--cache-dir', cache]);
  assert.is(gc.code, 0, gc.stderr);
  assert.match(gc.stdout, /1 old bundles/);
  assert.not.ok(existsSync(old));
  assert.not.ok(existsSync(join(dir, 'cache')));
});

test.after(() => {
  removeProject(dir);
  removeProject(elsewhere);
});
test.run();
