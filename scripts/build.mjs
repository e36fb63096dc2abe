#!/usr/bin/env node
// Compiles the engine ahead of time (esbuild, ~100 ms) so that `repro` never pays a
// TypeScript loader's start-up cost. Run by `npm install` (prepare) and, when the
// engine sources are newer than dist/, by bin/repro.mjs itself.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export async function buildEngine() {
  await build({
    entryPoints: { cli: join(root, 'engine/cli.ts'), worker: join(root, 'engine/worker.ts') },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine();
