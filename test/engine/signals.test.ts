/**
 * Ending a run ends everything it started: SIGTERM to the `repro` process alone
 * (what `timeout`, a CI cancel or `kill PID` send) also ends the commands its
 * stages started through `ctx.$`.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, alive, ensureBuilt, killGroup, makeProject, pidsFromFiles, removeProject, startRepro, survivors } from './fixture.ts';

const test = suite('engine/signals');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

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
  let pids: number[] = [];
  try {
    pids = await pidsFromFiles([`${marker}-0`, `${marker}-1`], 30_000);
    assert.is(pids.length, 2, 'the subprocesses did not start');
    process.kill(child.pid!, 'SIGTERM'); // the scheduler only, not its process group
    const r = await child.done;
    assert.is(r.code, 130, r.stderr);
    assert.equal(await survivors(pids), [], 'ctx.$ subprocesses outlived the run by 3 s');
  } finally {
    killGroup(child);
    for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
  }
});

test.run();
