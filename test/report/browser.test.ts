/**
 * The report in a real browser: Debian's chromium through playwright-core, offline.
 * Builds a report from fixture figures for all 18 ids with runStage, or uses the
 * report in $REPORT_DIR (CI points it at the real quick run). Skipped, saying why,
 * when /usr/bin/chromium is absent. Nothing here is timed: the render time is a
 * benchmark (`npm run bench report`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../../report/chromium.ts';
import type { PlotData } from '../../report/plot-data.ts';
import { gridFedFigure, runFixtureReport } from './fixture-run.ts';

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

interface Look {
  /** Legend entries: label, symbol shape, fill and stroke colour. */
  legend: { label: string; shape: string; fill: string; stroke: string }[];
  /** Titles of the y axes, in scenegraph order. */
  yTitles: string[];
}

/** Runs in the page: each view's legend entries and y-axis titles, read from the scenegraph. */
const LOOKS = `(() => {
  const out = {};
  for (const [id, view] of Object.entries(window.reportViews)) {
    const look = { legend: [], yTitles: [] };
    const walk = (m, inAxis, inLegend) => {
      const role = m.role || '';
      for (const item of m.items || []) {
        if (role === 'legend-symbol') look.legend.push({ label: String(item.datum && item.datum.label), shape: String(item.shape), fill: String(item.fill), stroke: String(item.stroke) });
        if (role === 'axis-title' && inAxis) look.yTitles.push(String(item.text));
        // A y axis: its scale is named y, or <view>_y.
        const axis = role === 'axis' ? /(^|_)y$/.test(String(item.datum && item.datum.scale)) : inAxis;
        for (const child of item.items || []) walk(child, axis, inLegend || role === 'legend');
      }
    };
    walk(view.scenegraph().root, undefined, false);
    out[id] = look;
  }
  return out;
})()`;

/** The report to test: $REPORT_DIR (the quick run's, in CI after test/pipeline), else one built from fixtures. */
async function reportDir(): Promise<string> {
  if (process.env.REPORT_DIR) return process.env.REPORT_DIR;
  return dirname((await runFixtureReport({ stale: ['p1-e4'], results: { 'p1-e1': await gridFedFigure() } })).path('index.html'));
}

if (!chromiumAvailable()) {
  console.log(`report/browser: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
  test.skip('renders offline in chromium', () => {});
} else {
  let dir = '';
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const errors: string[] = [];
  const external: string[] = [];

  test.before(async () => {
    dir = await reportDir();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => !r.url().startsWith('file://') && external.push(r.url()));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { timeout: 120_000 });
    await page.waitForSelector('html[data-rendered="true"]', { timeout: 60_000 });
  });
  test.after(async () => browser?.close());

  const plots = () =>
    readdirSync(join(dir, 'data'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, 'data', f), 'utf8')) as PlotData);

  test('renders offline: no console errors, no network, every figure drawn with its data', async () => {
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
    const all = plots();
    assert.ok(all.length > 0, 'no data files');
    const withView = new Set(drawn.map(([id]) => id as string));
    for (const plot of all) {
      const want = nonZero(expectedCounts(plot));
      if (!withView.has(plot.id)) {
        assert.equal(want, {}, `${plot.id} has data to draw but no chart`);
        continue;
      }
      assert.equal(nonZero(counts[plot.id] ?? {}), want, `${plot.id}: drawn items vs data/${plot.id}.json`);
    }
  });

  test('every curves figure: theory as line entries, experiments as point entries, no two series alike, a y title per panel', async () => {
    const looks = (await page.evaluate(LOOKS)) as Record<string, Look>;
    const curves = plots().filter((p) => p.kind === 'curves');
    assert.ok(curves.length > 0, 'no curves figures');
    for (const plot of curves) {
      const look = looks[plot.id];
      assert.ok(look, `${plot.id}: no view`);
      const kindOf = new Map(plot.rows.map((r) => [r.series, r.kind]));
      const entries = look!.legend.map((e) => ({ ...e, series: [...kindOf.keys()].find((s) => e.label === s || e.label.startsWith(`${s} vs `)) }));
      assert.equal(new Set(entries.map((e) => e.series)), new Set(kindOf.keys()), `${plot.id}: one legend entry per series`);
      for (const e of entries) {
        if (kindOf.get(e.series!) === 'theory') assert.is(e.shape, 'stroke', `${plot.id}: theory "${e.label}" drawn as ${e.shape}, not a line`);
        else assert.is.not(e.shape, 'stroke', `${plot.id}: experiment "${e.label}" drawn as a line, not a marker`);
      }
      const styles = entries.map((e) => `${e.shape} ${e.stroke}`);
      assert.is(new Set(styles).size, styles.length, `${plot.id}: two series share colour and shape: ${styles.join('; ')}`);

      const panels = plot.panels.length ? plot.panels : [undefined];
      const main = look!.yTitles.filter((t) => !t.startsWith('exp − '));
      assert.is(main.length, panels.length, `${plot.id}: ${main.length} y titles for ${panels.length} panels`);
      panels.forEach((p, i) => assert.is(main[i], (p !== undefined && plot.y.panels?.[p]) || plot.y.label, `${plot.id} panel ${p ?? 0}: y title`));
      // A single panel's plot and its residual plot share one x scale (named `x`; independent ones are `concat_<i>_x`).
      if (panels.length === 1 && plot.residuals.length) {
        const shared = await page.evaluate((id) => Boolean((window as unknown as { reportViews: Record<string, { scale(n: string): unknown }> }).reportViews[id]!.scale('x')), plot.id);
        assert.ok(shared, `${plot.id}: the plot and its residual have different x scales`);
      }
    }
    // Both kinds of multi-panel figure are covered: panels of different quantities, each with its own
    // y title (P3 R1, P2 F2), and panels of one quantity with the title repeated (P1 E3 over r, P2 F4 over p, P3 R2 over activations).
    assert.ok(curves.some((p) => p.panels.length > 1 && p.y.panels), 'no multi-panel figure whose panels show different quantities');
    assert.ok(curves.some((p) => p.panels.length > 1 && !p.y.panels), 'no multi-panel figure of one quantity');
  });

  test('hovering over a point fed by a gridded stage shows that stage\'s instance ids, not the figure\'s; a click shows their params and keys', async () => {
    // A figure every experiment point of which names instances of a gridded upstream stage (`stage[k=v,…]`).
    const fed = (p: PlotData) => {
      const exp = p.rows.filter((r) => r.kind === 'experiment');
      return p.kind === 'curves' && exp.length > 0 && exp.every((r) => r.instances?.length && r.instances.every((id) => /^[\w-]+\[.+\]$/.test(id) && id !== p.instance));
    };
    const candidates = plots().filter(fed);
    const plot = candidates.find((p) => p.id === 'p1-e1') ?? candidates[0];
    assert.ok(plot, 'no curves figure whose points all name upstream grid instances');
    const point = page.locator(`[data-figure-view="${plot!.id}"] .point_0_marks path`).first();
    await point.scrollIntoViewIfNeeded();
    await point.hover({ force: true });
    const tip = page.locator('#vg-tooltip-element');
    await tip.waitFor({ state: 'visible', timeout: 10_000 });
    // vega-tooltip's table: one row per field, a key cell and a value cell.
    const fields = await tip.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    const shown = fields.find(([key]) => key?.startsWith('instance'))?.[1] ?? '';
    const lists = new Set(plot!.rows.flatMap((r) => (r.kind === 'experiment' && r.instances ? [r.instances.join(', ')] : [])));
    assert.ok(lists.has(shown), `${plot!.id}: tooltip names "${shown}", not the instances of a point (${[...lists].slice(0, 3).join(' | ')} …)`);
    assert.is.not(shown, plot!.instance, 'the tooltip names the figure, not the instances behind the point');
    await point.click({ force: true });
    const card = page.locator('.instance-card');
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    const cardText = await card.innerText();
    for (const id of shown.split(', ')) assert.match(cardText, id);
    assert.match(cardText, /key \w+ · code \w+/);
    assert.not.match(cardText, 'no provenance', 'every instance behind the point has its params and key on the page');
  });

  test('charts draw on screen first: a page opened at a figure draws that figure first, and marks its first screen before the rest', async () => {
    const ids = await page.evaluate(() => [...document.querySelectorAll('[data-figure-view]')].map((el) => el.getAttribute('data-figure-view')!));
    assert.ok(ids.length > 2, 'too few charts to tell an order');
    const last = ids.at(-1)!;
    const deep = await browser.context.newPage();
    try {
      await deep.goto(`${pathToFileURL(join(dir, 'index.html')).href}#fig-${last}`, { timeout: 120_000 });
      await deep.waitForSelector('html[data-rendered="true"]', { timeout: 60_000 });
      const got = (await deep.evaluate('({ first: window.reportFirstScreen, order: window.reportDrawOrder, at: [window.reportFirstScreenAt, window.reportRenderedAt], y: window.scrollY })')) as { first: string[]; order: string[]; at: [number, number]; y: number };
      assert.is(got.order[0], last, `opened at #fig-${last}, drew ${got.order[0]} first`);
      assert.ok(got.first.includes(last), `first screen ${got.first.join(', ')} lacks ${last}`);
      assert.equal(new Set(got.order), new Set(ids), 'every chart is drawn in the end, once');
      assert.is(got.order.length, ids.length);
      assert.ok(got.at[0] < got.at[1], `first screen at ${got.at[0]} ms, not before all drawn at ${got.at[1]} ms`);
      assert.ok(got.y > 0, 'the page did not scroll to the linked figure');
    } finally {
      await deep.close();
    }
  });
}

test.run();
