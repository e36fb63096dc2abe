import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildFigure, buildReport } from '../../report/build.ts';
import type { CollectedFigure } from '../../report/collect.ts';
import * as message from '../../report/messages.ts';
import { curvesFixture } from './fixtures.ts';

const test = suite('report/build');
const run = { machine: 'm', node: 'v', stageSeconds: 0, generatedAt: '2026-01-01T00:00:00.000Z' };
const scripts = { vega: '', vegaLite: '', vegaEmbed: '' };

test('a figure whose build throws becomes a note; the other figures still build', async () => {
  const good: CollectedFigure = { id: 'p1-e1', paper: 1, status: 'ok', explicit: curvesFixture('p1-e1', { xs: [0.5, 1] }), notes: [] };
  const broken: CollectedFigure = { ...good, id: 'p1-e2', explicit: { ...good.explicit!, id: 'p1-e2', x: null as never } };
  const out = await buildReport([good, broken], run, scripts, { svg: false });
  assert.ok(out.figures[0]!.vega, 'p1-e1 built');
  assert.is(out.figures[1]!.vega, undefined);
  assert.match(out.figures[1]!.notes[0]!, message.buildFailed('p1-e2', '').slice(0, 30));
  assert.match(out.html, 'The report could not chart p1-e2');
  assert.equal([...out.data.keys()], ['p1-e1']);
});

test('the notes under a figure list the stage notes, then what the report did to the data', () => {
  const fig = { ...curvesFixture('p1-e1', { xs: [1], theoryPoints: 500 }), notes: ['d = 100, 5 seeds.'] };
  const built = buildFigure({ id: 'p1-e1', paper: 1, status: 'ok', explicit: fig, notes: [] });
  assert.equal(built.notes, ['d = 100, 5 seeds.', message.thinnedSeries('theory', 500, 300)]);
});

test.run();
