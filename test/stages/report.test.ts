import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runStage } from '../../engine/testing.ts';
import type { PlotData } from '../../report/plot-data.ts';
import * as message from '../../report/messages.ts';
import { FIGURE_IDS } from '../../report/papers.ts';
import reportStage from '../../stages/report.ts';
import { allFixtures, curvesFixture, heatmapFixture } from '../report/fixtures.ts';
import { figureInputs, runFixtureReport } from '../report/fixture-run.ts';

const test = suite('stages/report');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The HTML of one figure's section. */
const section = (html: string, id: string) => {
  const m = new RegExp(`<section class="figure [a-z]+" id="fig-${id}"[\\s\\S]*?</section>`).exec(html);
  assert.ok(m, `no section for ${id}`);
  return m![0];
};

test('declares every figure as optional, publishes to reports/, hashes the inlined libraries', () => {
  assert.equal([...(reportStage.optionalDeps ?? [])], [...FIGURE_IDS]);
  assert.is(reportStage.publish, 'reports');
  const files = reportStage.files;
  assert.ok(Array.isArray(files), 'report declares a fixed list of files');
  for (const lib of ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js']) {
    assert.ok((files as readonly string[]).includes(`node_modules/${lib}`), lib);
  }
});

test('a partial run renders what exists, marks what is missing or stale, and needs nothing from the network', async () => {
  const run = await runFixtureReport({ stale: ['p1-e4'], missing: ['p3-r6', 'p2-f5'] });
  const html = text(run.bytes('index.html'));
  // written: index.html, data and svg for the 16 present figures, nothing for the missing ones
  assert.is(run.files.filter((f) => f.startsWith('data/')).length, 16);
  assert.is(run.files.filter((f) => f.startsWith('figures/')).length, 16);
  assert.not.ok(run.files.includes('data/p3-r6.json'));
  assert.match(section(html, 'p3-r6'), message.missingFigure('p3-r6'));
  assert.match(section(html, 'p3-r6'), 'class="badge missing"');
  assert.match(section(html, 'p1-e4'), 'class="badge stale"');
  assert.match(section(html, 'p1-e4'), 'Stale: p1-e4 could not be rebuilt');
  assert.not.match(section(html, 'p1-e5'), 'badge stale');
  assert.match(html, /<b>15<\/b> figures up to date/);
  assert.match(html, /<b>1<\/b> stale/);
  assert.match(html, /<b>2<\/b> missing/);
  assert.match(html, /<code>quick<\/code>/);

  // self-contained: libraries and data inline, no external script or stylesheet
  assert.not.match(html, /<script[^>]+src=/);
  assert.not.match(html, /<link[^>]+href=/);
  assert.match(html, '.vegaEmbed=');
  const specs = JSON.parse(/<script type="application\/json" id="report-specs">([\s\S]*?)<\/script>/.exec(html)![1]!);
  assert.is(Object.keys(specs).length, 16);
  const rows = specs['p1-e1'].data.find((d: { name: string }) => d.name === 'rows').values;
  assert.equal(rows, run.json<PlotData>('data/p1-e1.json').rows);
  assert.ok(text(run.bytes('figures/p2-f3.svg')).startsWith('<svg'));
});

test('with no figure at all it still writes a page that says so', async () => {
  const run = await runStage(reportStage, { params: {} });
  const html = text(run.bytes('index.html'));
  assert.is(run.files.length, 1);
  for (const id of FIGURE_IDS) assert.match(section(html, id), message.missingFigure(id));
  assert.match(html, /Profile<\/dt><dd><span class="muted">not recorded/);
});

test('a figure the report cannot chart becomes a note, and the rest still renders', async () => {
  const figures = allFixtures().map((f) => (f.id === 'p1-e2' ? { ...f, rows: null as unknown as [] } : f));
  const run = await runFixtureReport({ figures });
  const html = text(run.bytes('index.html'));
  assert.match(section(html, 'p1-e2'), message.invalidFigure('p1-e2', 'rows is not an array'));
  assert.match(section(html, 'p1-e2'), 'unreadable');
  assert.is(run.files.filter((f) => f.startsWith('data/')).length, 17);
});

test('a paper-size run stays under 5 MB', async () => {
  // Paper profile: dense theory (thinned), more x points, 64×64 heat maps.
  const rates = Array.from({ length: 40 }, (_, i) => 0.1 + i * 0.1);
  const figures = allFixtures().map((f) =>
    f.kind === 'heatmap' ? heatmapFixture(f.id, ['SR p=0.4', 'SR p=0.8', 'BG p=0.3'], 64)
    : f.kind === 'curves' ? curvesFixture(f.id, { xs: rates, theoryPoints: 4000, panels: ['a', 'b', 'c'] }, f.checks)
    : f,
  );
  const run = await runStage(reportStage, { params: { profile: 'paper' }, inputs: await figureInputs({ figures }) });
  const bytes = run.bytes('index.html').byteLength;
  assert.ok(bytes < 5e6, `index.html is ${bytes} bytes`);
});

test.run();
