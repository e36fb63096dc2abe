#!/usr/bin/env node
// The `repro` entry point: loads the ahead-of-time compiled engine (dist/). In a checkout
// (engine/ sources present) it first rebuilds dist/ if any engine source is newer (a few
// stats; no TypeScript loader at run time). An installed package ships dist/ only.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return newest;
}

const sources = join(root, 'engine');
if (existsSync(sources) && (!existsSync(cli) || statSync(cli).mtimeMs < newestSource(sources))) {
  const { buildEngine } = await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href);
  await buildEngine();
}
const { cli: run } = await import(pathToFileURL(cli).href);
await run(process.argv.slice(2));
