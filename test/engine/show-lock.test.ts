/**
 * `repro show --lock FILE`: an instance's outputs as another lock file records them (an
 * earlier revision's), read from the local store without running anything; outputs the
 * store no longer has are named.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeProject, removeProject, repro, STAGE_IMPORT } from './fixture.ts';

const test = suite('engine/show-lock');

test('repro show --lock prints the earlier output, and names one the store has lost', async () => {
  const dir = makeProject({
    stages: { 'stages/a.ts': `${STAGE_IMPORT}\nexport default defineStage({ name: 'a', run(ctx) { ctx.writeJson('v.json', { k: ctx.params.k }); } });\n` },
    params: { seed: 1, k: 1 },
  });
  try {
    assert.is((await repro(dir, ['run'])).code, 0);
    copyFileSync(join(dir, 'repro.lock.json'), join(dir, 'old.lock.json'));
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ seed: 1, k: 2 }));
    assert.is((await repro(dir, ['run'])).code, 0);
    const lockNow = readFileSync(join(dir, 'repro.lock.json'), 'utf8');

    assert.equal(JSON.parse((await repro(dir, ['show', 'a', 'v.json'])).stdout), { k: 2 });
    const old = await repro(dir, ['show', 'a', 'v.json', '--lock', 'old.lock.json']);
    assert.is(old.code, 0, old.stderr);
    assert.equal(JSON.parse(old.stdout), { k: 1 });
    assert.match((await repro(dir, ['show', 'a', '--lock', 'old.lock.json'])).stdout, /^a in old\.lock\.json {2}key /);
    assert.is(readFileSync(join(dir, 'repro.lock.json'), 'utf8'), lockNow, 'show changed the lock file');

    const h = JSON.parse(readFileSync(join(dir, 'old.lock.json'), 'utf8')).instances.a.outputs['v.json'] as string;
    rmSync(join(dir, 'cache', 'objects', h.slice(0, 2), h), { force: true });
    const lost = await repro(dir, ['show', 'a', 'v.json', '--lock', 'old.lock.json']);
    assert.is(lost.code, 2);
    assert.match(lost.stderr, `repro: 'a' output 'v.json' in old.lock.json (${h}) is not in the local store`);
    const listed = await repro(dir, ['show', 'a', '--lock', 'old.lock.json']);
    assert.is(listed.code, 1);
    assert.match(listed.stdout, '(not in the local store)');

    const bad = await repro(dir, ['show', 'a', '--lock', 'params.json']);
    assert.is(bad.code, 2);
    assert.is(bad.stderr.split('\n')[0], 'repro: params.json is not a repro lock file (expected { version: 1, instances: {…} })');
  } finally {
    removeProject(dir);
  }
});

test.run();
