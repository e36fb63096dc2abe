/**
 * The engine as an installed package, end to end: `npm pack` of this checkout installed
 * into a fresh temp project, `repro init` there, then what a new user does first — a
 * first run, a no-op, a param edit that reruns one instance, `why` — plus what the
 * package promises: an engine release bump reruns nothing (keys hold the store format),
 * and `npm run typecheck` (repro types + tsc) rejects a misspelt param path.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { installInto, npm, packEngine } from './install.ts';

const test = suite('package/pack-install');
let tarball = '';
let dir = '';
let bin = '';

function repro(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function runCounts(...args: string[]): Record<string, number> {
  const r = repro('run', '--json', ...args);
  assert.is(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { summary: { counts: Record<string, number> } }).summary.counts;
}
const editJson = (rel: string, edit: (v: Record<string, any>) => void) => {
  const v = JSON.parse(readFileSync(join(dir, rel), 'utf8')) as Record<string, any>;
  edit(v);
  writeFileSync(join(dir, rel), JSON.stringify(v, null, 2));
};

test.before(async () => {
  tarball = await packEngine();
  ({ dir, bin } = installInto(tarball));
});

test('repro init scaffolds a project, and repro run works there at once', () => {
  const init = repro('init');
  assert.is(init.code, 0, init.stderr);
  for (const f of ['pipeline.ts', 'stages/simulate.ts', 'stages/summarize.ts', 'params.json', 'params.schema.json', '.gitignore', 'tsconfig.json']) {
    assert.match(init.stdout, f);
  }
  assert.match(readFileSync(join(dir, 'pipeline.ts'), 'utf8'), "from 'repro'");
  assert.is(repro('init').code, 2, 'init must refuse to overwrite');
  const counts = runCounts();
  assert.is(counts.ran, 5, JSON.stringify(counts)); // simulate × 4 seeds + summarize
  // 4 estimates of 200000 points: the standard error of their mean is √(π(4−π)/200000)/2 = 0.00184.
  const summary = JSON.parse(readFileSync(join(dir, 'results', 'summary.json'), 'utf8')) as { estimates: number; mean: number };
  assert.is(summary.estimates, 4);
  assert.ok(Math.abs(summary.mean - Math.PI) < 4 * 0.00184, `mean ${summary.mean}`);
});

test('a second run is a no-op', () => {
  assert.equal(runCounts(), { fresh: 5, restored: 0, cutoff: 0, ran: 0, failed: 0, skipped: 0, 'would-run': 0 });
});

test('a param edit reruns the one instance that read it, and why names it', () => {
  editJson('params.json', (p) => (p.summarize.digits = 6));
  const why = repro('why', 'summarize');
  assert.is(why.code, 0, why.stderr);
  assert.match(why.stdout, /summarize\.digits.*4.*6/);
  const counts = runCounts();
  assert.is(counts.ran, 1, JSON.stringify(counts));
  assert.is(counts.fresh, 4);
});

test('an engine release bump reruns nothing: keys hold the store format, not the release', () => {
  // What an upgrade to a release with the same store format changes on disk: the package's version.
  const pkgPath = join(dir, 'node_modules', 'repro', 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
  writeFileSync(pkgPath, JSON.stringify({ ...pkg, version: '99.0.0' }));
  editJson('package-lock.json', (l) => (l.packages['node_modules/repro'].version = '99.0.0'));
  const counts = runCounts();
  assert.is(counts.ran, 0, JSON.stringify(counts));
  assert.is(counts.fresh, 5);
});

test('npm run typecheck types the params from the schema: a misspelt path fails tsc', () => {
  npm(dir, ['install']); // the devDependencies repro init added (typescript, json-schema-to-typescript)
  const ok = spawnSync('npm', ['run', '-s', 'typecheck'], { cwd: dir, encoding: 'utf8' });
  assert.is(ok.status, 0, `${ok.stdout}${ok.stderr}`);
  const stage = join(dir, 'stages', 'simulate.ts');
  writeFileSync(stage, readFileSync(stage, 'utf8').replace('ctx.params.simulate.samples', 'ctx.params.simulate.sample'));
  const typo = spawnSync('npm', ['run', '-s', 'typecheck'], { cwd: dir, encoding: 'utf8' });
  assert.is(typo.status, 2, 'tsc accepted a misspelt param path');
  assert.match(typo.stdout, /Property 'sample' does not exist/);
});

test.after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
});
test.run();
