/**
 * Ending a run ends everything it started: SIGTERM to the `repro` process alone
 * (what `timeout`, a CI cancel or `kill PID` send) also ends the commands its
 * stages started through `ctx.$`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, killGroup, makeProject, removeProject, sleep, startRepro } from './fixture.ts';

const test = suite('engine/signals');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('SIGTERM to the repro process alone ends the ctx.$ subprocesses of its stages', async () => {
  const stage = `${STAGE_IMPORT}
export default defineStage({ name: 'ext', grid: () => [{ i: 0 }, { i: 1 }],
  async run(ctx) {
    await ctx.$\`sh -c \${'echo $$ > ' + ctx.params.marker + '-' + ctx.instance.i + '; exec sleep 60'}\`;
    ctx.writeJson('done.json', true);
  } });
`;
  const dir = makeProject({ stages: { 'stages/ext.ts': stage }, params: {} });
  dirs.push(dir);
  const marker = join(dir, 'sub');
  const child = startRepro(dir, ['run', '-j', '2', '--set', `marker=${JSON.stringify(marker)}`]);
  const pids: number[] = [];
  try {
    for (let t = 0; t < 300 && pids.length < 2; t++) {
      await sleep(100);
      pids.length = 0;
      for (const i of [0, 1]) {
        const f = `${marker}-${i}`;
        if (existsSync(f) && readFileSync(f, 'utf8').trim()) pids.push(Number(readFileSync(f, 'utf8')));
      }
    }
    assert.is(pids.length, 2, 'the subprocesses did not start');
    process.kill(child.pid!, 'SIGTERM'); // the scheduler only, not its process group
    const r = await child.done;
    assert.is(r.code, 130, r.stderr);
    for (let t = 0; t < 30 && pids.some(alive); t++) await sleep(100);
    assert.equal(pids.filter(alive), [], 'ctx.$ subprocesses outlived the run by 3 s');
  } finally {
    killGroup(child);
    for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
  }
});

test.run();
