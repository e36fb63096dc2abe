/**
 * The quick profile in a temp copy of the checkout, locally and through SLURM: shared by
 * the end-to-end test (same hashes) and `npm run bench slurm` (wall times).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const checkout = resolve(import.meta.dirname, '../..');

/** A copy of the checkout without its store, reports, lock files or git dir (node_modules linked). */
export function quickCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'repro-scaleout-'));
  const skip = /^(node_modules|cache|reports|\.git|dist\.(build|old)-.*|repro\.[^/]*\.lock\.json)(\/|$)/;
  cpSync(checkout, dir, { recursive: true, filter: (p) => !skip.test(relative(checkout, p)) });
  symlinkSync(join(checkout, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

export const removeCopy = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** `repro run --profile quick ARGS` in `dir`; wall seconds, exit code, output tail. */
export function runQuick(dir: string, args: string[], env: Record<string, string> = {}, profile: string | null = 'quick'): { seconds: number; code: number | null; out: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(dir, 'bin/repro.mjs'), 'run', ...(profile ? ['--profile', profile] : []), '--no-gc', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
  });
  return { seconds: (performance.now() - t0) / 1000, code: r.status, out: `${r.stdout}${r.stderr}`.slice(-4000) };
}

/** Instance id → outputsHash of the quick profile's lock file. */
export function quickHashes(dir: string, lockFile = 'repro.quick.lock.json'): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(dir, lockFile), 'utf8')) as { instances: Record<string, { stage: string; outputsHash: string }> };
  return Object.fromEntries(Object.entries(lock.instances).map(([id, e]) => [id, e.outputsHash]));
}

/** A site config file in `dir` (returned path, for REPRO_SITE_CONFIG). */
export function siteFile(dir: string, slurm: object): string {
  const p = join(dir, `site-${Date.now()}.json`);
  writeFileSync(p, JSON.stringify({ slurm }));
  return p;
}
