/**
 * Published copies follow the pipeline: when a grid point is removed, the files
 * its instance published are taken back (files a user changed since are kept).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { STAGE_IMPORT, ensureBuilt, makeProject, removeProject, repro } from './fixture.ts';

const test = suite('engine/publish');
const dirs: string[] = [];
test.before(() => ensureBuilt());
test.after(() => dirs.forEach(removeProject));

test('removing a grid point removes the files its instance published; the other points and edited files stay', async () => {
  const dir = makeProject({
    stages: {
      'stages/fig.ts': `${STAGE_IMPORT}
export default defineStage({ name: 'fig', publish: 'reports', grid: (p) => p.rates.map((r: number) => ({ r })),
  run(ctx) { ctx.writeJson('fig-' + ctx.instance.r + '.json', { r: ctx.instance.r }); ctx.writeJson('notes/' + ctx.instance.r + '.json', 1); } });
`,
    },
    params: { rates: [1, 2, 3] },
  });
  dirs.push(dir);
  assert.is((await repro(dir, ['run', '--no-gc'])).code, 0);
  const pub = (name: string) => join(dir, 'reports', name);
  for (const r of [1, 2, 3]) assert.ok(existsSync(pub(`fig-${r}.json`)), `fig-${r}.json not published`);
  writeFileSync(pub('notes/3.json'), 'my own notes\n'); // a user edit of a published file
  writeFileSync(join(dir, 'params.json'), JSON.stringify({ rates: [1] }));
  const r = await repro(dir, ['run', '--no-gc']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(pub('fig-1.json')));
  assert.ok(existsSync(pub('notes/1.json')));
  assert.not.ok(existsSync(pub('fig-2.json')), 'a removed grid point left fig-2.json');
  assert.not.ok(existsSync(pub('notes/2.json')), 'a removed grid point left notes/2.json');
  assert.not.ok(existsSync(pub('fig-3.json')), 'a removed grid point left fig-3.json');
  assert.is(readFileSync(pub('notes/3.json'), 'utf8'), 'my own notes\n', 'a file the user edited was removed');
});

test.run();
