/**
 * `npm run report:screenshot [-- REPORTS_DIR [OUT_DIR [FIGURE,…]]]`: PNGs of a rendered report
 * for the README — the top of the page (summary) and three figures (heading, chart and
 * caption) — written to OUT_DIR (default `docs/`) from REPORTS_DIR/index.html (default `reports/`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumAvailable, CHROMIUM, launchChromium } from './chromium.ts';

/** A single-panel curves figure, a multi-panel one, and the paired-legend one. */
export const SCREENSHOT_FIGURES = ['p1-e1', 'p3-r1', 'p3-r4'] as const;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run report:screenshot -- [REPORTS_DIR [OUT_DIR [FIGURE,…]]]

Writes report-top.png (the top of the page) and figure-<id>.png for each figure (default
${SCREENSHOT_FIGURES.join(', ')}) into OUT_DIR (default docs/), from REPORTS_DIR/index.html
(default reports/), rendered in Debian's chromium.`);
  process.exit(0);
}
const dir = resolve(process.argv[2] ?? 'reports');
const out = resolve(process.argv[3] ?? 'docs');
const html = join(dir, 'index.html');

if (!existsSync(html)) {
  console.error(`${html} does not exist: run the pipeline first (npm run reproduce, or npx repro run --profile quick).`);
  process.exit(1);
}
if (!chromiumAvailable()) {
  console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const { context, close } = await launchChromium({ width: 1100, height: 1000 });
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(html).href, { timeout: 120_000 });
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 60_000 });
  // Lay out every figure (off-screen ones skip layout until scrolled to), so page coordinates hold for the full-page clips.
  await page.addStyleTag({ content: '.figure { content-visibility: visible !important; }' });
  const top = join(out, 'report-top.png');
  await page.screenshot({ path: top, clip: { x: 0, y: 0, width: 1100, height: 1000 } });
  console.log(`wrote ${top}`);
  for (const id of process.argv[4]?.split(',') ?? SCREENSHOT_FIGURES) {
    const section = page.locator(`#fig-${id}`);
    if (!(await section.count())) {
      console.error(`figure ${id} is not in ${html}; skipped`);
      continue;
    }
    // Page coordinates (fullPage clips are in them): heading top to caption bottom.
    const box = await section.evaluate((el) => {
      const top = el.querySelector('h3')!.getBoundingClientRect();
      const cap = (el.querySelector('p.caption') ?? el.querySelector('.view') ?? el).getBoundingClientRect();
      const all = el.getBoundingClientRect();
      return { x: all.left, y: top.top + window.scrollY - 8, width: all.width, height: cap.bottom - top.top + 16 };
    });
    const file = join(out, `figure-${id}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: box });
    console.log(`wrote ${file}`);
  }
} finally {
  await close();
}
