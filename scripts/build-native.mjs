#!/usr/bin/env node
// Builds the optional native compute addon (native/: N-API on the system BLAS/LAPACK) with the
// node-gyp that npm bundles. Never fails the install: without a compiler, Node headers or BLAS
// it prints one line and the science runs on the wasm path. Run by `npm install` (prepare) and
// `npm run build:native`; REPRO_NATIVE=0 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

export function buildNative({ quiet = false } = {}) {
  if (process.env.REPRO_NATIVE === '0') return { ok: false, reason: 'REPRO_NATIVE=0' };
  const gyp = nodeGyp();
  if (!gyp) return { ok: false, reason: 'node-gyp not found' };
  const args = [gyp, 'rebuild', '--silent'];
  // Use the installed Node headers (no download): npm's nodedir setting, else Node's own prefix.
  const prefix = join(dirname(process.execPath), '..');
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0) return { ok: true };
  const out = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
  const line = /fatal error: [^\n]+|FileNotFoundError: [^\n]+|cannot find -l\w+|not found: [^\n]+|gyp ERR! stack Error: [^\n]+/.exec(out)?.[0] ?? `node-gyp exited with ${r.status ?? r.signal}`;
  return { ok: false, reason: line.trim() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = buildNative();
  if (r.ok) console.log('repro: built the native BLAS addon (native/build/Release/repro_blas.node)');
  else console.log(`repro: native BLAS addon not built (${r.reason}); the wasm path will be used. Install a C++ compiler and libopenblas-dev liblapacke-dev, then \`npm run build:native\`.`);
}
