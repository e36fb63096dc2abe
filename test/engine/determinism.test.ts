/**
 * `repro run --verify-determinism`: passes on deterministic stages and names
 * exactly the stage whose outputs differ between two builds from scratch.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro } from './fixture.ts';

const test = suite('engine/determinism');

const STAGES = {
  'stages/a.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'a', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  run(ctx) { ctx.writeJson('a.json', { n: ctx.params.n, seed: ctx.seed }); } });
`,
  'stages/b.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'b', deps: ['a'],
  run(ctx) { ctx.writeJson('b.json', { s: ctx.inputs('a').map((u) => u.json<{ seed: number }>('a.json').seed) }); } });
`,
};
const NOISY = {
  'stages/noisy.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'noisy', deps: ['a'],
  run(ctx) { ctx.writeJson('same.json', { n: ctx.params.n }); ctx.writeJson('r.json', { r: Math.random() }); } });
`,
  // Reads the non-deterministic stage but writes the same bytes every time: not to be named.
  'stages/after.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'after', deps: ['noisy'],
  run(ctx) { ctx.writeJson('after.json', { ok: ctx.input('noisy').json<{ r: number }>('r.json').r < 1 }); } });
`,
};
const dirs: string[] = [];
const project = (stages: Record<string, string>) => {
  const d = makeProject({ stages, params: { n: 3, seeds: [0, 1] } });
  dirs.push(d);
  return d;
};

test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('passes on a deterministic pipeline', async () => {
  const dir = project(STAGES);
  const r = await repro(dir, ['run', '--verify-determinism']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /3 instances rebuilt from scratch, 0 with different outputs/);
  assert.not.match(r.stdout, /NOT DETERMINISTIC/);
});

test('names the stage that writes Math.random(), and only it', async () => {
  const dir = project({ ...STAGES, ...NOISY });
  const r = await repro(dir, ['run', '--verify-determinism']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const named = r.stdout.split('\n').filter((l) => l.startsWith('NOT DETERMINISTIC'));
  assert.equal(named, ['NOT DETERMINISTIC noisy: r.json']);
  assert.match(r.stdout, /5 instances rebuilt from scratch, 1 with different outputs/);
});

test('with a target, checks only the target and its upstream', async () => {
  const dir = project({ ...STAGES, ...NOISY });
  const ok = await repro(dir, ['run', '--verify-determinism', 'b']);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /3 instances rebuilt from scratch, 0 with different outputs/);
  const bad = await repro(dir, ['run', '--verify-determinism', 'after']);
  assert.is(bad.code, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /NOT DETERMINISTIC noisy: r.json/);
});

test.run();
