/**
 * `npm run report:screenshot`: a full-page PNG of reports/index.html at
 * reports/screenshot.png, for a reviewer to look at without opening a browser.
 * Usage: node --import tsx report/screenshot.ts [report.html] [out.png]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumAvailable, CHROMIUM, launchChromium } from './chromium.ts';

const html = resolve(process.argv[2] ?? 'reports/index.html');
const out = resolve(process.argv[3] ?? 'reports/screenshot.png');

if (!existsSync(html)) {
  console.error(`${html} does not exist: run the pipeline first (npm run reproduce, or repro run report --profile quick).`);
  process.exit(1);
}
if (!chromiumAvailable()) {
  console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium).`);
  process.exit(1);
}
const { context, close } = await launchChromium();
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 30_000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await close();
}
