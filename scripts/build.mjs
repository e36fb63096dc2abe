#!/usr/bin/env node
// Compiles the engine ahead of time (esbuild, ~100 ms) so that `repro` never pays a
// TypeScript loader's start-up cost. Run by `npm install` (prepare) and, when the
// engine sources are newer than dist/, by bin/repro.mjs itself.
//
// `node scripts/build.mjs --types` (npm run build, and `prepack`, so every tarball has
// them) also emits the public API's declarations (dist/types/*.d.ts) with tsc.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The package's entry points: `repro` (the stage API), `repro/testing`, the CLI and its worker. */
const ENTRIES = { index: 'engine/index.ts', testing: 'engine/testing.ts', cli: 'engine/cli.ts', worker: 'engine/worker.ts', 'slurm-task': 'engine/executors/slurm-task.ts' };

export async function buildEngine({ types = false } = {}) {
  // Build into a private dir, then swap it in, so a concurrent `repro` never imports half-written files.
  const out = join(root, `dist.build-${process.pid}`);
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, join(root, v)])),
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
  if (types) emitDeclarations(join(out, 'types'));
  const dist = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
}

/** tsc's declarations of the public entries; `./x.ts` specifiers become `./x.js` (resolved to x.d.ts). */
function emitDeclarations(outDir) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const files = [ENTRIES.index, ENTRIES.testing].map((f) => join(root, f));
  const args = ['--declaration', '--emitDeclarationOnly', '--noEmit', 'false', '--outDir', outDir, '--rootDir', join(root, 'engine')];
  const opts = ['--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--allowImportingTsExtensions', '--strict', '--skipLibCheck', '--types', 'node'];
  execFileSync(process.execPath, [tsc, ...args, ...opts, ...files], { cwd: root, stdio: 'inherit' });
  for (const f of readdirSync(outDir)) {
    const p = join(outDir, f);
    writeFileSync(p, readFileSync(p, 'utf8').replace(/((?:from |import\()['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2'));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine({ types: process.argv.includes('--types') });
