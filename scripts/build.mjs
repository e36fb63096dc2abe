#!/usr/bin/env node
// Compiles the engine ahead of time (esbuild, ~100 ms) so that `repro` never pays a
// TypeScript loader's start-up cost. Run by `npm install` (prepare) and, when the
// engine sources are newer than dist/, by bin/repro.mjs itself.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export async function buildEngine() {
  // Build into a private dir, then swap it in, so a concurrent `repro` never imports half-written files.
  const out = join(root, `dist.build-${process.pid}`);
  await build({
    entryPoints: { cli: join(root, 'engine/cli.ts'), worker: join(root, 'engine/worker.ts') },
    outdir: out,
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
  const dist = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
}
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine();
