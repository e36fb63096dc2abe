#!/usr/bin/env node
// Runs the uvu suite (TypeScript through tsx) and ends with the plain line
// `N passed, N failed` that CI reads. Usage: npm test [-- PATTERN]
// PATTERN filters test files by path (a regular expression), e.g. `npm test -- engine`.
//
// `--unit` (npm run test:unit) is the dev loop's fast suite: every test file but the slow
// suites below (they spawn many whole `repro` processes, kill them on purpose, wait out
// heartbeats, pack and install the engine, drive chromium or run the whole pipeline),
// split over one uvu process per core. `npm test` (the README's command, CI's) runs
// everything, in one process, in file order.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const SLOW = [
  'pipeline/', // the whole pipeline at the quick profile, in a temp copy
  'package/', // npm pack + install + init + runs + tsc
  'report/browser', // chromium
  'science/p3/sgd/', // long SGD runs at the spec's sizes
  'engine/(crash-safety|locking|determinism|failure|verify|gc|freshness|cache-dir|profiles|cpu-share|signals|stat-cache)',
];
const unit = process.argv.includes('--unit');
const pattern = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.';
const select = new RegExp(`(${pattern}).*\\.test\\.ts$`, 'i');
const slow = new RegExp(`^(${SLOW.join('|')})`, 'i');

/** Test files (relative to test/) the run selects. */
function testFiles(dir = 'test') {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative('test', join(e.parentPath, e.name)))
    .filter((f) => select.test(f) && !(unit && slow.test(f)))
    .sort();
}

/** One uvu process over the given files; resolves with its output and exit code. */
function uvu(files, live) {
  const escaped = files.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const args = ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', `^(${escaped.join('|')})$`];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (live) process.stdout.write(chunk);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ out, code })));
}

const files = testFiles();
if (!files.length) {
  console.log(`no test file matches ${pattern}\n\n0 passed, 1 failed`);
  process.exit(1);
}
const shards = unit ? Math.max(1, Math.min(Number(process.env.REPRO_TEST_JOBS) || availableParallelism(), 4, files.length)) : 1;
// Longest first onto the least loaded process, by rough CPU weights measured on 2 cores
// (default 1); the result is still printed in file order within each process.
const WEIGHTS = [
  [/^stages\/p[123]\.test/, 10],
  [/^science\/p2\/(encoder-risks|train-g2|decoder-simulation)/, 6],
  [/^(science\/p1\/(s3-design|surrogate-training|gd-variants|activations|projected-gd)|report\/(build|specs))/, 3],
];
const weight = (f) => WEIGHTS.find(([re]) => re.test(f))?.[1] ?? 1;
const groups = Array.from({ length: shards }, () => []);
const load = new Array(shards).fill(0);
for (const f of [...files].sort((a, b) => weight(b) - weight(a))) {
  const i = load.indexOf(Math.min(...load));
  groups[i].push(f);
  load[i] += weight(f);
}
for (const g of groups) g.sort();
const t0 = performance.now();
const results = await Promise.all(groups.map((g) => uvu(g, shards === 1)));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { out, code } of results) {
  if (shards > 1) process.stdout.write(out);
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? 0);
  const total = num('Total');
  passed += num('Passed');
  skipped += num('Skipped');
  // uvu's Total leaves skipped tests out. A crash before uvu's summary counts as one failure,
  // so CI never reads "0 failed" from a broken run.
  failed += total - num('Passed') + (code !== 0 && total === num('Passed') ? 1 : 0);
}
if (shards > 1) console.log(`\n${files.length} files in ${shards} processes, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
