#!/usr/bin/env node
// Runs every benchmark in bench/*.bench.ts (or those matching argv[2]), one process each.
// Each benchmark repeats its measurement and prints medians and ratios itself.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = new RegExp(process.argv[2] ?? '.');
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && filter.test(f)).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${f}`, ...process.argv.slice(3)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
