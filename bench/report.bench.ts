/**
 * `npm run bench report [-- REPORT_DIR …]`: size of a rendered report and how soon a reader
 * can read it in Debian's chromium, median of 5 loads, each in a fresh browser profile
 * (1200 × 900). Two moments, in seconds since navigation start (report/html/client.ts):
 *   - first screen: every chart in the viewport when the page opens is drawn — the number a
 *     reader waits for, held to the budget (paper profile: ≤ 3.4 MB, < 5 s). Measured at the
 *     top of the page, and opened at the last chart (`#fig-<id>`, as a summary link jumps);
 *   - all drawn: every chart on the page is drawn (the rest draw one by one after the first
 *     screen), with the embedding alone in brackets.
 * Several directories are measured side by side, loads alternating, so that their ratios hold
 * on a busy machine. REPORT_DIR defaults to reports/ (run the pipeline first). A page made
 * before charts were drawn lazily marks only "all drawn": its first screen is reported as that.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../report/chromium.ts';

const RUNS = 5;
const dirs = (process.argv.length > 2 ? process.argv.slice(2) : [process.env.REPORT_DIR ?? 'reports']).map((d) => resolve(d));
for (const dir of dirs) {
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`${join(dir, 'index.html')} does not exist: run the pipeline first (npm run reproduce, or npx repro run --profile quick)`);
    process.exit(1);
  }
}
if (!chromiumAvailable()) {
  console.error(`${CHROMIUM} not found (apt-get install -y chromium)`);
  process.exit(1);
}

interface Load {
  firstScreen: number;
  rendered: number;
  embedding: number;
}

/** One load in a fresh profile; `hash` opens the page at that anchor. */
async function load(url: string): Promise<Load> {
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    await page.goto(url, { timeout: 120_000 });
    await page.waitForSelector('html[data-rendered="true"]', { timeout: 120_000 });
    const [first, rendered, embedding] = (await page.evaluate('[window.reportFirstScreenAt, window.reportRenderedAt, window.reportRenderMs]')) as [number | undefined, number, number];
    return { firstScreen: first ?? rendered, rendered, embedding };
  } finally {
    await close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => (ms / 1000).toFixed(2);
const lastChart = (html: string) => [...readFileSync(html, 'utf8').matchAll(/data-figure-view="([\w-]+)"/g)].at(-1)?.[1];

const results = dirs.map((dir) => ({ dir, html: join(dir, 'index.html'), last: lastChart(join(dir, 'index.html')), top: [] as Load[], deep: [] as Load[] }));
const load0 = loadavg()[0]!;
for (let i = 0; i < RUNS; i++) {
  for (const r of results) {
    const url = pathToFileURL(r.html).href;
    r.top.push(await load(url));
    if (r.last) r.deep.push(await load(`${url}#fig-${r.last}`));
  }
}
console.log(`load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end; medians of ${RUNS} loads (runs in brackets)`);
for (const r of results) {
  const runs = (xs: number[]) => `${s(median(xs))} s (${xs.map(s).join(', ')})`;
  console.log(`${r.html}: ${(statSync(r.html).size / 1e6).toFixed(2)} MB`);
  console.log(`  first screen, top:        ${runs(r.top.map((l) => l.firstScreen))}`);
  if (r.last) console.log(`  first screen, #fig-${r.last}: ${runs(r.deep.map((l) => l.firstScreen))}`);
  console.log(`  all drawn:                ${runs(r.top.map((l) => l.rendered))}, embedding ${s(median(r.top.map((l) => l.embedding)))} s`);
}
