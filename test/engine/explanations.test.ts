/**
 * `why` and `status` explain in words a newcomer reads right: an upstream that will
 * rerun first is not "removed", a dependency upgrade names the package and both
 * versions (also without a root package-lock.json), and a fresh clone's instances are
 * "not in the local cache", not "corrupt".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, copyProject, ensureBuilt, makeProject, removeProject, repro, runJson } from './fixture.ts';

const test = suite('engine/explanations');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

const fakePackage = (version: string) => ({
  'node_modules/fakepkg/package.json': { name: 'fakepkg', version, type: 'module', main: 'index.js' },
  'node_modules/fakepkg/index.js': 'export const twice = (x) => 2 * x;\n',
});

function project(): string {
  const dir = makeProject({
    stages: {
      'stages/up.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'up', run(ctx) { ctx.writeJson('up.json', ctx.params.a); } });
`,
      'stages/down.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'down', deps: ['up'], run(ctx) { ctx.writeJson('down.json', ctx.input('up').json<number>('up.json') + 1); } });
`,
      'stages/usepkg.ts': `${STAGE_IMPORT}
import { twice } from 'fakepkg';
export default defineStage({ name: 'usepkg', run(ctx) { ctx.writeJson('p.json', twice(ctx.params.a)); } });
`,
    },
    params: { a: 1 },
    files: fakePackage('1.0.0'),
  });
  dirs.push(dir);
  return dir;
}

const lines = async (dir: string, args: string[]) => {
  const r = await repro(dir, args);
  assert.is(r.code, 0, r.stderr);
  return r.stdout;
};

test('an upstream pending a rerun is said to rerun first, not to be removed', async () => {
  const dir = project();
  assert.is((await repro(dir, ['run', '--no-gc'])).code, 0);
  writeFileSync(join(dir, 'params.json'), JSON.stringify({ a: 2 }));
  const why = await lines(dir, ['why', 'down']);
  assert.match(why, /upstream up: will rerun first/);
  assert.not.match(why, /removed/);
  const status = await lines(dir, ['status']);
  assert.match(status, /down .*upstream up: will rerun first/);
  assert.not.match(status, /removed/);
});

test('a dependency upgrade without a package-lock.json reruns its users, and why names the package and both versions', async () => {
  const dir = project();
  assert.is((await repro(dir, ['run', '--no-gc'])).code, 0);
  writeFileSync(join(dir, 'node_modules/fakepkg/package.json'), JSON.stringify(fakePackage('1.1.0')['node_modules/fakepkg/package.json']));
  const why = await lines(dir, ['why', 'usepkg']);
  assert.match(why, /code: package fakepkg 1\.0\.0→1\.1\.0/);
  const r = runJson(await repro(dir, ['run', '--no-gc', '--json']));
  assert.equal(
    Object.entries(r.instances).filter(([, s]) => s.outcome === 'ran').map(([id]) => id),
    ['usepkg'],
  );
});

test('a fresh clone (committed lock file, empty cache) says "not in the local cache", never "corrupt"', async () => {
  const dir = project();
  assert.is((await repro(dir, ['run', '--no-gc'])).code, 0);
  const clone = copyProject(dir);
  dirs.push(clone);
  const status = await lines(clone, ['status']);
  for (const id of ['up', 'down', 'usepkg']) assert.match(status, new RegExp(`${id} .*not in the local cache`));
  assert.not.match(status, /corrupt/);
  assert.match(await lines(clone, ['why', 'up']), /not in the local cache/);
});

test.run();
