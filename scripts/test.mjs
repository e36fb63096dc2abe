#!/usr/bin/env node
// Runs the uvu suite (TypeScript through tsx) and ends with the plain line
// `N passed, N failed` that CI reads. Usage: npm test [-- PATTERN]
// PATTERN filters test files by path (a regular expression), e.g. `npm test -- engine`.
//
// `--unit` (npm run test:unit) is the dev loop's fast suite: everything but the slow
// suites below, which spawn many whole `repro` processes, kill them on purpose, wait
// for timeouts, pack and install the engine, or run the whole pipeline. `npm test`
// (the README's command, CI's) runs everything.
import { spawn } from 'node:child_process';

const SLOW = [
  'pipeline/', // the whole pipeline at the quick profile, in a temp copy
  'package/', // npm pack + install + init + runs + tsc
  'report/browser', // chromium
  'engine/(crash-safety|locking|determinism|failure|verify|gc|freshness|cache-dir|profiles|cpu-share)',
];
const unit = process.argv.includes('--unit');
const pattern = process.argv.slice(2).find((a) => a !== '--unit') ?? '.';
const args = ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', `(${pattern}).*\\.test\\.ts$`, ...(unit ? ['--ignore', `^(${SLOW.join('|')})`] : [])];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? 0);
  const total = num('Total');
  const passed = num('Passed');
  // A crash before uvu's summary counts as one failure, so CI never reads "0 failed" from a broken run.
  const failed = total - passed - num('Skipped') + (code !== 0 && total === passed ? 1 : 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
