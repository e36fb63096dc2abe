/**
 * Profiles belong to the project: params.json declares them (`profiles`) and optionally
 * the one used without `--profile` (`defaultProfile`). The engine injects no profile
 * name and no param, and each profile keeps its own lock file, so a smoke run never
 * rewrites the lock of the real run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadParams, ParamsError } from '../../engine/params.ts';
import { lockFileName } from '../../engine/project.ts';
import { STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro, writeFiles } from './fixture.ts';
import { join } from 'node:path';

const test = suite('engine/profiles');
const dirs: string[] = [];
const project = (params: object) => {
  const dir = makeProject({ stages: {}, params });
  dirs.push(dir);
  return dir;
};

test('a param named `profile` is the project’s own: no profile is injected, nothing replaces it', () => {
  const root = project({ profile: 'mine', n: 1 });
  const loaded = loadParams({ root });
  assert.equal(loaded.params, { profile: 'mine', n: 1 });
  assert.equal(loaded.profile, { name: undefined, isDefault: true });
});

test('defaultProfile applies without --profile; another declared profile is merged over the base', () => {
  const root = project({ n: 1, m: { a: 1, b: 2 }, defaultProfile: 'full', profiles: { full: { n: 100 }, smoke: { m: { a: 0 } } } });
  const dflt = loadParams({ root });
  assert.equal(dflt.params, { n: 100, m: { a: 1, b: 2 } }, 'engine keys are removed, the default is applied');
  assert.equal(dflt.profile, { name: 'full', isDefault: true });
  const smoke = loadParams({ root, profile: 'smoke' });
  assert.equal(smoke.params, { n: 1, m: { a: 0, b: 2 } });
  assert.equal(smoke.profile, { name: 'smoke', isDefault: false });
});

test('an undeclared profile is an error naming the declared ones; so is a bad defaultProfile', () => {
  const root = project({ n: 1, profiles: { smoke: {} } });
  assert.throws(() => loadParams({ root, profile: 'paper' }), (e: unknown) => e instanceof ParamsError && /--profile paper: no such profile \(params.json declares: smoke\)/.test(e.message));
  const none = project({ n: 1 });
  assert.throws(() => loadParams({ root: none, profile: 'quick' }), (e: unknown) => e instanceof ParamsError && /declares: none/.test(e.message));
  const bad = project({ n: 1, defaultProfile: 'full', profiles: { smoke: {} } });
  assert.throws(() => loadParams({ root: bad }), (e: unknown) => e instanceof ParamsError && /defaultProfile "full" is not a declared profile/.test(e.message));
});

test('lock file names: the default profile (or none) owns repro.lock.json, every other profile its own', () => {
  assert.is(lockFileName({ name: undefined, isDefault: false }), 'repro.lock.json');
  assert.is(lockFileName({ name: 'paper', isDefault: true }), 'repro.lock.json');
  assert.is(lockFileName({ name: 'quick', isDefault: false }), 'repro.quick.lock.json');
});

test('a run of another profile writes its own lock and leaves repro.lock.json byte for byte', async () => {
  ensureBuilt();
  const dir = project({ n: 3, defaultProfile: 'full', profiles: { full: {}, quick: { n: 1 } } });
  writeFiles(dir, {
    'stages/a.ts': `${STAGE_IMPORT}\nexport default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', ctx.params.n * 2); } });\n`,
    'pipeline.ts': `import { definePipeline } from '${join(import.meta.dirname, '../../engine/pipeline.ts')}';\nexport default definePipeline({ stages: ['stages/a.ts'] });\n`,
  });
  const full = await repro(dir, ['run']);
  assert.is(full.code, 0, full.stderr);
  const before = readFileSync(join(dir, 'repro.lock.json'), 'utf8');
  const quick = await repro(dir, ['run', '--profile', 'quick']);
  assert.is(quick.code, 0, quick.stderr);
  assert.is(readFileSync(join(dir, 'repro.lock.json'), 'utf8'), before, 'the default profile’s lock was rewritten');
  assert.ok(existsSync(join(dir, 'repro.quick.lock.json')));
  const quickLock = JSON.parse(readFileSync(join(dir, 'repro.quick.lock.json'), 'utf8')) as { instances: Record<string, { key: { params: object } }> };
  assert.equal(quickLock.instances.a!.key.params, { n: 1 });
  // GC under the quick profile keeps what every profile's lock uses.
  const gc = await repro(dir, ['gc', '--keep-last', '0', '--profile', 'quick']);
  assert.is(gc.code, 0, gc.stderr);
  // Back to the default profile: its lock still names the n = 3 result, which is fresh.
  const again = await repro(dir, ['status']);
  assert.match(again.stdout, /fresh\s+a/);
});

test.after(() => dirs.forEach(removeProject));
test.run();
