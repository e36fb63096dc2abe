/**
 * `npm run report -- --compare REV` on a fixture pipeline in a git repo: two figure stages,
 * each reading its own param. Change one param, rerun, compare with the previous commit:
 * exactly the figure depending on it carries the overlay and is listed as changed, its
 * check shows the value then; nothing reruns. Plus the pure diff on plotted data.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareReport } from '../../report/compare-cli.ts';
import { compareFigure } from '../../report/compare.ts';
import { preparePlotData } from '../../report/plot-data.ts';
import { lockAt, RevisionError } from '../../report/revision.ts';
import { makeProject, removeProject, repro, STAGE_IMPORT } from '../engine/fixture.ts';
import { curvesFixture } from './fixtures.ts';

const test = suite('report/compare');

test('the diff overlays only the groups whose plotted data differ, and pairs checks by id', () => {
  const a = curvesFixture('p1-e1', { xs: [0.5, 1], theoryPoints: 5 }, [{ id: 'c', name: 'c', measured: 1, target: 1, tolerance: 0.1, pass: true }]);
  const b = { ...a, rows: a.rows.map((r) => (r.kind === 'experiment' ? { ...r, y: r.y + 0.01 } : r)), checks: [{ ...a.checks[0]!, name: 'c reworded', measured: 1.05 }] };
  const now = preparePlotData(b).plot;
  const c = compareFigure('HEAD~1', now, { found: true, plot: preparePlotData(a).plot });
  assert.ok(c.changed);
  assert.equal(c.changedSeries, ['experiment']);
  assert.ok(c.overlay.length === 2 && c.overlay.every((r) => r.kind === 'experiment'));
  assert.is(c.thenChecks[0]!.measured, 1);
  const same = compareFigure('HEAD~1', preparePlotData(a).plot, { found: true, plot: preparePlotData(a).plot });
  assert.equal([same.changed, same.overlay.length], [false, 0]);
});

const figureStage = (id: string, param: string) => `${STAGE_IMPORT}
export default defineStage({
  name: '${id}',
  run(ctx) {
    const k = ctx.params.${param};
    const rows = [];
    for (let i = 0; i <= 10; i++) rows.push({ series: 'theory', kind: 'theory', x: i / 10, y: k * i / 10 });
    for (const x of [0.2, 0.5, 0.8]) rows.push({ series: 'experiment', kind: 'experiment', x, y: k * x + 0.01, n: 1 });
    ctx.writeJson('figure.json', {
      id: '${id}', paper: 1, title: '${id}', claim: 'slope k', kind: 'curves',
      x: { label: 'x' }, y: { label: 'y' }, rows,
      checks: [{ id: '${id}.slope', name: 'slope', measured: k, target: 1, tolerance: 0.5, pass: Math.abs(k - 1) <= 0.5 }],
    });
  },
});
`;

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('compare with the previous commit: exactly the figure reading the changed param is overlaid and listed', async () => {
  const dir = makeProject({
    stages: { 'stages/p1-e1.ts': figureStage('p1-e1', 'a'), 'stages/p1-e2.ts': figureStage('p1-e2', 'b') },
    params: { seed: 1, a: 1, b: 1 },
    prefix: 'repro-compare-',
  });
  try {
    assert.is((await repro(dir, ['run'])).code, 0);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A', '--', '.', ':!cache');
    git(dir, 'commit', '-qm', 'first');
    writeFileSync(join(dir, 'params.json'), JSON.stringify({ seed: 1, a: 1.2, b: 1 }));
    assert.is((await repro(dir, ['run'])).code, 0);
    const lockBefore = readFileSync(join(dir, 'repro.lock.json'), 'utf8');

    const { report, label } = await compareReport({ root: dir, rev: 'HEAD' });
    assert.match(label, /^HEAD \([0-9a-f]{10}\)$/);
    const byId = new Map(report.figures.map((f) => [f.collected.id, f]));
    const e1 = byId.get('p1-e1')!.compare!;
    const e2 = byId.get('p1-e2')!.compare!;
    assert.equal([e1.found, e1.changed, e2.found, e2.changed], [true, true, true, false]);
    assert.equal(e1.changedSeries, ['theory', 'experiment']);
    assert.is(e2.overlay.length, 0);
    assert.is(e1.thenChecks[0]!.measured, 1);
    // Only the changed figure's chart carries the earlier data, and the summary lists only it.
    assert.ok(byId.get('p1-e1')!.plot!.then!.length > 0);
    assert.is(byId.get('p1-e2')!.plot!.then, undefined);
    const changedList = /<ul class="changed">(.*?)<\/ul>/s.exec(report.html)![1]!;
    assert.match(changedList, '#fig-p1-e1');
    assert.not.match(changedList, 'p1-e2');
    // Nothing was run or recorded to compare.
    assert.is(readFileSync(join(dir, 'repro.lock.json'), 'utf8'), lockBefore);

    // A result the store no longer has is named, not rerun.
    const thenKey = JSON.parse(git(dir, 'show', 'HEAD:repro.lock.json')).instances['p1-e1'].outputs['figure.json'] as string;
    rmSync(join(dir, 'cache', 'objects', thenKey.slice(0, 2), thenKey), { force: true });
    const after = await compareReport({ root: dir, rev: 'HEAD' });
    const lost = after.report.figures.find((f) => f.collected.id === 'p1-e1')!.compare!;
    assert.is(lost.found, false);
    assert.match(lost.reason!, 'no longer in the local store');

    assert.throws(() => lockAt('no-such-rev', { root: dir, lockPath: join(dir, 'repro.lock.json') }), (e: Error) => e instanceof RevisionError && /neither a lock file nor a git revision/.test(e.message));
  } finally {
    removeProject(dir);
  }
});

test.run();
