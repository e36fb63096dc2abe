/**
 * A user's mistake gets one line naming the problem and exit code 2, never a
 * stack trace: a stage file missing from disk, a syntax error, an unknown
 * instance, a malformed size.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, pipelineSource, removeProject, repro } from './fixture.ts';

const test = suite('engine/usage-errors');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

function project(): string {
  const dir = makeProject({
    stages: { 'stages/a.ts': `${STAGE_IMPORT}\nexport default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', 1); } });\n` },
    params: {},
  });
  dirs.push(dir);
  return dir;
}

/** Runs repro and checks: exit 2, one line on stderr (`repro: …`), no stack frames; returns that line. */
async function oneLine(dir: string, args: string[]): Promise<string> {
  const r = await repro(dir, args);
  // (Node's own warnings about the environment, e.g. NO_COLOR vs FORCE_COLOR, are not ours.)
  const lines = r.stderr.trim().split('\n').filter((l) => !/^\((node:\d+|Use `node)/.test(l));
  assert.is(r.code, 2, r.stderr);
  assert.is(lines.length, 1, `more than one line:\n${r.stderr}`);
  assert.match(lines[0]!, /^repro: /);
  assert.not.match(r.stderr, /\n\s+at /);
  return lines[0]!;
}

test('a stage file missing from disk', async () => {
  const dir = project();
  writeFileSync(join(dir, 'pipeline.ts'), pipelineSource(['stages/a.ts', 'stages/gone.ts']));
  assert.is(await oneLine(dir, ['run']), 'repro: stages/gone.ts: no such file (listed in pipeline.ts)');
});

test('a syntax error names file, line and column', async () => {
  const dir = project();
  writeFileSync(join(dir, 'stages/a.ts'), `${STAGE_IMPORT}\nexport default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', 1 }) });\n`);
  assert.match(await oneLine(dir, ['status']), /^repro: stages\/a\.ts:2:\d+: Expected "\)" but found "}"/);
});

test('why of an instance that does not exist', async () => {
  assert.is(await oneLine(project(), ['why', 'nosuch']), "repro: no instance 'nosuch'; see `repro status`");
});

test('gc with a malformed size', async () => {
  assert.is(await oneLine(project(), ['gc', '--max-size', '2XB']), 'repro: --max-size 2XB: expected a size such as 2GB, 500MB or 1048576');
});

test.run();
