/**
 * `npm run bench report [-- REPORT_DIR]`: size of a rendered report and its render time in
 * Debian's chromium (navigation start → every chart drawn, and the embedding alone), median
 * of 5 loads, each in a fresh browser profile. REPORT_DIR defaults to reports/ (run the
 * pipeline first; the paper profile is the one with a budget: ≤ 3.4 MB, < 5 s).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../report/chromium.ts';

const dir = resolve(process.argv[2] ?? process.env.REPORT_DIR ?? 'reports');
const html = join(dir, 'index.html');
if (!existsSync(html)) {
  console.error(`${html} does not exist: run the pipeline first (npm run reproduce, or npx repro run --profile quick)`);
  process.exit(1);
}
if (!chromiumAvailable()) {
  console.error(`${CHROMIUM} not found (apt-get install -y chromium)`);
  process.exit(1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const total: number[] = [];
const embed: number[] = [];
for (let i = 0; i < 5; i++) {
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href, { timeout: 120_000 });
    await page.waitForSelector('html[data-rendered="true"]', { timeout: 120_000 });
    const t = (await page.evaluate('[window.reportRenderedAt, window.reportRenderMs]')) as [number, number];
    total.push(t[0]);
    embed.push(t[1]);
  } finally {
    await close();
  }
}
console.log(`${html}: ${(statSync(html).size / 1e6).toFixed(2)} MB`);
console.log(`rendered ${(median(total) / 1000).toFixed(2)} s after navigation start (embedding ${(median(embed) / 1000).toFixed(2)} s), median of 5; runs: ${total.map((t) => (t / 1000).toFixed(2)).join(', ')} s`);
