/**
 * The report in a real browser: Debian's chromium through playwright-core, offline.
 * Builds a report from fixture figures for all 18 ids with runStage, or uses the
 * report in $REPORT_DIR (CI points it at a real quick run). Skipped, saying why,
 * when /usr/bin/chromium is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../../report/chromium.ts';
import type { PlotData } from '../../report/plot-data.ts';
import { runFixtureReport } from './fixture-run.ts';

const test = suite('report/browser');

/** Mark items drawn per figure, by mark name (`point_0_marks` …), summed over the scenegraph. */
type Counts = Record<string, Record<string, number>>;

/** How many items each named mark should draw, from the figure's data JSON alone. */
function expectedCounts(plot: PlotData): Record<string, number> {
  const panels: (string | undefined)[] = plot.panels.length ? plot.panels : [undefined];
  const inPanel = (p: string | undefined) => (r: { panel?: string }) => p === undefined || r.panel === undefined || r.panel === p;
  const sum = (f: (p: string | undefined) => number) => panels.reduce((s, p) => s + f(p), 0);
  switch (plot.kind) {
    case 'curves':
      return {
        theory: sum((p) => plot.rows.filter((r) => r.kind === 'theory').filter(inPanel(p)).length),
        point: sum((p) => plot.rows.filter((r) => r.kind === 'experiment').filter(inPanel(p)).length),
        bar: sum((p) => plot.rows.filter((r) => r.kind === 'experiment' && r.y_lo !== undefined && r.y_hi !== undefined).filter(inPanel(p)).length),
        residual: sum((p) => plot.residuals.filter(inPanel(p)).length),
        residualbar: sum((p) => plot.residuals.filter((r) => r.y_lo !== undefined && r.y_hi !== undefined).filter(inPanel(p)).length),
      };
    case 'heatmap':
      return { heat: sum((p) => plot.rows.filter(inPanel(p)).length) };
    case 'table':
      return { check: plot.checks.filter((c) => typeof c.target === 'number' && typeof c.tolerance === 'number' && c.tolerance > 0 && Number.isFinite(c.measured)).length };
  }
}

/**
 * Runs in the page (a string: tsx would wrap named functions in a helper the page
 * lacks): walk each view's scenegraph and sum the items of marks named `<kind>_<i>_marks`.
 */
const COUNT_MARKS = `(() => {
  const out = {};
  for (const [id, view] of Object.entries(window.reportViews)) {
    const c = {};
    const walk = (m) => {
      const kind = /^(theory|point|bar|residual|residualbar|heat|check)_\\d+_marks$/.exec(m.name || '')?.[1];
      if (kind) c[kind] = (c[kind] || 0) + m.items.length;
      if (m.marktype === 'group') for (const item of m.items) for (const child of item.items || []) walk(child);
    };
    walk(view.scenegraph().root);
    out[id] = c;
  }
  return out;
})()`;

/** Drop zero counts: a mark with no data is not compiled into a view at all. */
const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));

if (!chromiumAvailable()) {
  console.log(`report/browser: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
  test.skip('renders offline in chromium', () => {});
} else {
  test('renders offline: no console errors, no network, every figure drawn with its data, in < 2 s', async () => {
    const dir = process.env.REPORT_DIR ?? dirname((await runFixtureReport({ stale: ['p1-e4'] })).path('index.html'));
    const { context, close } = await launchChromium();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const external: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => !r.url().startsWith('file://') && external.push(r.url()));
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      await page.waitForSelector('html[data-rendered="true"]', { timeout: 20_000 });
      const renderedAt = await page.evaluate(() => (window as unknown as { reportRenderedAt: number }).reportRenderedAt);

      assert.equal(errors, [], 'console errors');
      assert.equal(external, [], 'requests beyond file://');

      const drawn = await page.evaluate(() =>
        [...document.querySelectorAll('[data-figure-view]')].map((el) => [
          el.getAttribute('data-figure-view'),
          el.querySelectorAll('svg .mark-symbol path, svg .mark-line path, svg .mark-rect path, svg .mark-rule line, canvas').length,
        ]),
      );
      assert.ok(drawn.length > 0, 'no figure containers');
      for (const [id, marks] of drawn) assert.ok((marks as number) > 0, `${id}: container has no rendered marks`);

      const counts = (await page.evaluate(COUNT_MARKS)) as Counts;
      const files = readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.json'));
      assert.ok(files.length > 0, 'no data files');
      const withView = new Set(drawn.map(([id]) => id as string));
      for (const file of files) {
        const plot = JSON.parse(readFileSync(join(dir, 'data', file), 'utf8')) as PlotData;
        const want = nonZero(expectedCounts(plot));
        if (!withView.has(plot.id)) {
          assert.equal(want, {}, `${plot.id} has data to draw but no chart`);
          continue;
        }
        assert.equal(nonZero(counts[plot.id] ?? {}), want, `${plot.id}: drawn items vs data/${file}`);
      }
      console.log(`report/browser: ${drawn.length} charts rendered ${renderedAt.toFixed(0)} ms after navigation start`);
      // Last, as the one environment-dependent assertion.
      assert.ok(renderedAt < 2000, `rendered ${renderedAt.toFixed(0)} ms after navigation start (limit 2000)`);
    } finally {
      await close();
    }
  });
}

test.run();
