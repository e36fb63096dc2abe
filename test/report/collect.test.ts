import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defineStage } from '../../engine/stage.ts';
import { runStage } from '../../engine/testing.ts';
import { collectFigure, collectFigures, figureDataProblem } from '../../report/collect.ts';
import * as message from '../../report/messages.ts';
import { FIGURE_IDS } from '../../report/papers.ts';
import { curvesFixture } from './fixtures.ts';

const test = suite('report/collect');

const upstream = async (id: string, body: unknown) =>
  runStage(defineStage({ name: id, run: (ctx) => ctx.writeJson('figure.json', body) }), { params: {} });

test('a figure with no result is missing, with the sentence saying so', () => {
  const c = collectFigure('p1-e2', 1, []);
  assert.is(c.status, 'missing');
  assert.equal(c.notes, [message.missingFigure('p1-e2')]);
  assert.is(c.explicit, undefined);
});

test('a readable figure is ok and keeps its provenance apart from its data', async () => {
  const fig = curvesFixture('p1-e1', { xs: [0.5, 1] });
  const c = collectFigure('p1-e1', 1, [await upstream('p1-e1', fig)]);
  assert.is(c.status, 'ok');
  assert.equal(c.explicit, fig);
  assert.is(c.implicit?.instanceId, 'p1-e1');
  assert.equal(c.notes, []);
});

test('an old result kept because its stage could not be rebuilt is stale, with a note', async () => {
  const up = await upstream('p1-e1', curvesFixture('p1-e1', { xs: [1] }));
  const old = { ...up, provenance: { ...up.provenance, stale: true, finishedAt: '2026-01-02T03:04:05.000Z' } };
  const c = collectFigure('p1-e1', 1, [old]);
  assert.is(c.status, 'stale');
  assert.equal(c.notes, [message.staleFigure('p1-e1', '2026-01-02T03:04:05.000Z')]);
  assert.match(c.notes[0]!, /result of 2026-01-02 03:04 UTC/);
});

test('a figure.json that is not a FigureData is shown as unreadable, not thrown', async () => {
  const c = collectFigure('p1-e1', 1, [await upstream('p1-e1', { id: 'p1-e1', kind: 'pie' })]);
  assert.is(c.status, 'invalid');
  assert.equal(c.notes, [message.invalidFigure('p1-e1', 'kind "pie" is not curves, heatmap or table')]);
  const noFile = collectFigure('p1-e1', 1, [await runStage(defineStage({ name: 'p1-e1', run: () => {} }), { params: {} })]);
  assert.is(noFile.status, 'invalid');
  assert.match(noFile.notes[0]!, /has no output 'figure.json'/);
});

test('figureDataProblem names the first problem', () => {
  const ok = curvesFixture('p1-e1', { xs: [1] });
  assert.is(figureDataProblem(ok, 'p1-e1'), undefined);
  assert.is(figureDataProblem(ok, 'p1-e2'), 'its id is "p1-e1", expected "p1-e2"');
  assert.is(figureDataProblem([], 'p1-e1'), 'its id is undefined, expected "p1-e1"');
  assert.is(figureDataProblem({ ...ok, rows: [{ x: 1, y: 2 }] }, 'p1-e1'), 'row 0 lacks a series name or a kind of theory/experiment');
  assert.is(figureDataProblem({ ...ok, checks: [{ name: 'a', pass: 'yes' }] }, 'p1-e1'), 'check 0 lacks a name or a boolean pass');
});

test('collectFigures walks all 18 ids in paper order, whatever exists', () => {
  const seen: string[] = [];
  const all = collectFigures((id) => (seen.push(id), []));
  assert.equal(seen, [...FIGURE_IDS]);
  assert.is(FIGURE_IDS.length, 18);
  assert.equal(all.map((c) => c.paper), [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
  assert.ok(all.every((c) => c.status === 'missing'));
});

test.run();
