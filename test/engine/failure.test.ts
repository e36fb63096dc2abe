/**
 * Failures in a parallel run: a throwing instance or a worker process that dies
 * fails only its own instance (and skips its downstream); every other result is
 * kept, the run ends with a summary and exit 1, and the next run redoes only
 * what failed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, outputHashes, removeProject, repro, runJson } from './fixture.ts';

const test = suite('engine/failure');

const STAGES = {
  'stages/ok.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'ok', grid: (p) => p.seeds.map((seed: number) => ({ seed })),
  async run(ctx) { await new Promise((r) => setTimeout(r, 50)); ctx.writeJson('ok.json', { seed: ctx.instance.seed }); } });
`,
  'stages/bad.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'bad',
  run(ctx) {
    const mode = ctx.params.mode;
    if (mode === 'throw') throw new Error('bad stage: deliberate failure');
    if (mode === 'exit') process.exit(7);
    ctx.writeJson('bad.json', { mode });
  } });
`,
  'stages/after.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'after', deps: ['bad'], run(ctx) { ctx.writeJson('after.json', ctx.input('bad').json('bad.json')); } });
`,
};
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

for (const [mode, jobs, message] of [
  ['throw', '2', /bad stage: deliberate failure/],
  ['exit', '1', /worker process exited \(code 7\) while running bad/],
] as const) {
  test(`a failing instance (${mode}, -j ${jobs}) keeps the others' results; the next run redoes only it`, async () => {
    const dir = makeProject({ stages: STAGES, params: { seeds: [0, 1, 2, 3], mode } });
    dirs.push(dir);
    const r = await repro(dir, ['run', '-j', jobs, '--json']);
    assert.is(r.code, 1, r.stdout + r.stderr);
    const out = runJson(r);
    assert.is(out.instances.bad?.outcome, 'failed');
    assert.match(out.instances.bad?.error ?? '', message);
    assert.is(out.instances.after?.outcome, 'skipped');
    assert.is(out.summary.counts.ran, 4, r.stdout);
    assert.equal(Object.keys(outputHashes(dir)).sort(), ['ok[seed=0]', 'ok[seed=1]', 'ok[seed=2]', 'ok[seed=3]']);

    const plain = await repro(dir, ['run', '-j', jobs]);
    assert.is(plain.code, 1);
    assert.match(plain.stderr, /FAIL {3}bad: /);
    assert.match(plain.stderr, /failed 1/);

    const fixed = await repro(dir, ['run', '-j', jobs, '--json', '--set', 'mode="fine"']);
    assert.is(fixed.code, 0, fixed.stdout + fixed.stderr);
    const counts = runJson(fixed).summary.counts;
    assert.is(counts.ran, 2, fixed.stdout); // bad and after
    assert.is(counts.fresh, 4, fixed.stdout);
  });
}

test.run();
