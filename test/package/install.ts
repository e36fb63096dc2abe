/**
 * The engine as a user gets it: `npm pack` of this checkout (compiled JS and .d.ts, as
 * `prepack` builds them), installed into a fresh temp project with npm. Dependencies come
 * from npm's cache when it has them (`--prefer-offline`), as after `npm ci` here and in CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngine } from '../../scripts/build.mjs';
import { REPO } from '../engine/fixture.ts';

const npmArgs = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** Run npm in `cwd`; throws with its output on failure. */
export function npm(cwd: string, args: string[]): string {
  const r = spawnSync('npm', [...args, ...npmArgs], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Build the package (JS + declarations) and pack it into a temp dir; returns the tarball path. */
export async function packEngine(): Promise<string> {
  await buildEngine({ types: true });
  const dest = mkdtempSync(join(tmpdir(), 'repro-pack-'));
  // Scripts are skipped because the build just ran (prepack would only repeat it).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dest, '--loglevel=error'], { cwd: REPO, stdio: 'ignore' });
  const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack wrote no tarball');
  return join(dest, tgz);
}

/** A new project dir with the tarball installed; returns the dir and its `repro` entry point. */
export function installInto(tarball: string, prefix = 'repro-installed-'): { dir: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  npm(dir, ['install', tarball]);
  return { dir, bin: join(dir, 'node_modules', 'repro', 'bin', 'repro.mjs') };
}
