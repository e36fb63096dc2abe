#!/usr/bin/env node
// Builds the optional native compute addon (native/: N-API on the system BLAS/LAPACK) with the
// node-gyp that npm bundles. Never fails the install: without a compiler, Node headers or BLAS
// it prints one line and the science runs on the wasm path. Run by `npm install` (prepare) and
// `npm run build:native`; REPRO_NATIVE=0 skips it.
//
// `--accelerate-shim DIR` builds the macOS branch of the addon (REPRO_ACCELERATE) on Linux instead,
// against native/accelerate-shim/ (Apple's new-LAPACK interface on OpenBLAS), in a copy of native/
// under DIR: node-gyp always builds into <module>/build, and the checkout's build stays the default.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'native');

/** node-gyp: npm's own (npm sets npm_config_node_gyp in scripts), else the one bundled next to node. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && existsSync(p));
}

/**
 * Builds the addon; `{ ok: true, path }` or `{ ok: false, reason }` (one line). With
 * `accelerateShim`, builds the shim configuration in `outDir`/native (see the top of this file).
 */
export function buildNative({ quiet = false, accelerateShim = false, outDir = undefined } = {}) {
  if (process.env.REPRO_NATIVE === '0') return { ok: false, reason: 'REPRO_NATIVE=0' };
  const gyp = nodeGyp();
  if (!gyp) return { ok: false, reason: 'node-gyp not found' };
  let cwd = dir;
  const env = { ...process.env };
  if (accelerateShim) {
    if (!outDir) throw new TypeError('buildNative: accelerateShim needs outDir');
    cwd = join(outDir, 'native');
    cpSync(dir, cwd, { recursive: true, filter: (src) => relative(dir, src).split(sep)[0] !== 'build' });
    env.GYP_DEFINES = `${env.GYP_DEFINES ?? ''} accelerate_shim=1`.trim();
    // binding.gyp finds node-addon-api with require(), which now starts outside the checkout.
    env.NODE_PATH = [join(root, 'node_modules'), env.NODE_PATH].filter(Boolean).join(delimiter);
  }
  const args = [gyp, 'rebuild', '--silent'];
  // Use the installed Node headers (no download): npm's nodedir setting, else Node's own prefix.
  const prefix = join(dirname(process.execPath), '..');
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0) return { ok: true, path: join(cwd, 'build', 'Release', 'repro_blas.node') };
  const out = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
  const line = /fatal error: [^\n]+|FileNotFoundError: [^\n]+|cannot find -l\w+|not found: [^\n]+|gyp ERR! stack Error: [^\n]+/.exec(out)?.[0] ?? `node-gyp exited with ${r.status ?? r.signal}`;
  return { ok: false, reason: line.trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const shim = process.argv.indexOf('--accelerate-shim');
  if (shim >= 0) {
    const outDir = process.argv[shim + 1];
    if (!outDir) {
      console.error('usage: node scripts/build-native.mjs [--accelerate-shim DIR]');
      process.exit(2);
    }
    const r = buildNative({ accelerateShim: true, outDir });
    console.log(r.ok ? `repro: built the Accelerate-shim addon (${r.path})` : `repro: Accelerate-shim addon not built (${r.reason})`);
    process.exit(r.ok ? 0 : 1);
  }
  const r = buildNative();
  const install = process.platform === 'darwin' ? "Xcode's command line tools (`xcode-select --install`)" : 'a C++ compiler and libopenblas-dev liblapacke-dev';
  if (r.ok) console.log('repro: built the native BLAS addon (native/build/Release/repro_blas.node)');
  else console.log(`repro: native BLAS addon not built (${r.reason}); the wasm path will be used. Install ${install}, then \`npm run build:native\`.`);
}
