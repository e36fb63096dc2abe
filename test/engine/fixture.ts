/**
 * Fixture projects for black-box engine tests and benchmarks: write a small
 * pipeline into a temp dir, run the `repro` CLI on it as a separate process,
 * and read back `repro.lock.json`. Nothing here knows engine internals beyond
 * the documented layout (`cache/`, `repro.lock.json`).
 *
 * Fixture stage files import the stage API by absolute path, e.g.
 *   `${STAGE_IMPORT}
 *    export default defineStage({ name: 'a', run(ctx) { ctx.writeJson('a.json', 1); } });`
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `<repo>/test/engine/fixture.ts`). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'bin', 'repro.mjs');
/** The import line a fixture stage module starts with. */
export const STAGE_IMPORT = `import { defineStage } from '${join(REPO, 'engine', 'stage.ts')}';`;

/** `pipeline.ts` source listing the given stage module paths (relative to the project root). */
export function pipelineSource(stages: readonly string[]): string {
  return `import { definePipeline } from '${join(REPO, 'engine', 'pipeline.ts')}';\nexport default definePipeline({ stages: ${JSON.stringify(stages)} });\n`;
}

/** Write files (path relative to `dir` → content; objects are written as JSON). */
export function writeFiles(dir: string, files: Record<string, string | object>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/**
 * A new project in a temp dir: `stages` maps stage module paths to their source
 * (a `pipeline.ts` listing them in this order is written), plus `params.json`.
 */
export function makeProject(o: { stages: Record<string, string>; params: object; files?: Record<string, string | object>; prefix?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), o.prefix ?? 'repro-fixture-'));
  writeFiles(dir, { ...o.stages, 'pipeline.ts': pipelineSource(Object.keys(o.stages)), 'params.json': o.params, ...o.files });
  return dir;
}

/** A copy of a project (modification times kept), without its cache unless asked. */
export function copyProject(src: string, o: { withCache?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'repro-fixture-'));
  cpSync(src, dir, { recursive: true, preserveTimestamps: true, filter: (p) => o.withCache || !p.startsWith(join(src, 'cache')) });
  return dir;
}

/** Remove a fixture dir (store objects are read-only files; their dirs are writable, so rm works). */
export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const env = () => ({ ...process.env, NO_COLOR: '1', CI: '1' });

/** Start `repro <args> -C dir` in its own process group (so the whole group can be killed). */
export function startRepro(dir: string, args: readonly string[]): ChildProcess & { done: Promise<CliResult> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args, '-C', dir], { cwd: dir, env: env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 }));
  });
  return Object.assign(child, { done });
}

/** Run `repro <args> -C dir` to completion. */
export function repro(dir: string, args: readonly string[]): Promise<CliResult> {
  return startRepro(dir, args).done;
}

/** Kill a process started by `startRepro` and everything in its group (workers too), with SIGKILL. */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Build the engine's dist/ once up front, so concurrent CLI calls never race to rebuild it. */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`repro --help failed: ${r.stderr}`);
}

export interface LockEntryView {
  stage: string;
  keyHash: string;
  key: { params: Record<string, unknown> };
  outputs: Record<string, string>;
  outputsHash: string;
}

/** `repro.lock.json`, parsed strictly (a torn or invalid file throws). */
export function readLockFile(dir: string): { version: number; instances: Record<string, LockEntryView> } {
  return JSON.parse(readFileSync(join(dir, 'repro.lock.json'), 'utf8')) as { version: number; instances: Record<string, LockEntryView> };
}

/** Instance id → outputsHash, from `repro.lock.json`. */
export function outputHashes(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readLockFile(dir).instances).map(([id, e]) => [id, e.outputsHash]));
}

/** Every stored object: hash → absolute path. */
export function storedObjects(dir: string): Map<string, string> {
  const root = join(dir, 'cache', 'objects');
  const out = new Map<string, string>();
  let subs: string[] = [];
  try {
    subs = readdirSync(root);
  } catch {
    return out;
  }
  for (const d of subs) for (const f of readdirSync(join(root, d))) out.set(f, join(root, d, f));
  return out;
}

/** The store path of an object by hash. */
export function objectPath(dir: string, hash: string): string {
  return join(dir, 'cache', 'objects', hash.slice(0, 2), hash);
}

/** Flip one bit of a (read-only) stored file in place, keeping its size and mode. */
export function flipBit(path: string, byte = 0): void {
  const mode = statSync(path).mode;
  chmodSync(path, 0o644);
  const buf = readFileSync(path);
  buf[Math.min(byte, buf.length - 1)]! ^= 0x01;
  writeFileSync(path, buf);
  chmodSync(path, mode & 0o777);
}

/** Parse a `run --json` document (printed on stdout at the end of a run). */
export function runJson(r: CliResult): { summary: { counts: Record<string, number> }; instances: Record<string, { outcome: string; error?: string; seconds?: number; log?: string[] }> } {
  return JSON.parse(r.stdout) as ReturnType<typeof runJson>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a process exists (signal 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids written by stages into `files`, once every file holds one (polled every 100 ms); fewer on time-out. */
export async function pidsFromFiles(files: readonly string[], timeoutMs: number): Promise<number[]> {
  const read = () => files.filter((f) => existsSync(f) && readFileSync(f, 'utf8').trim()).map((f) => Number(readFileSync(f, 'utf8')));
  for (let t = 0; t < timeoutMs / 100 && read().length < files.length; t++) await sleep(100);
  return read();
}

/** Waits up to `ms` for every pid to exit; returns those still alive. */
export async function survivors(pids: readonly number[], ms = 3000): Promise<number[]> {
  for (let t = 0; t < ms / 100 && pids.some(alive); t++) await sleep(100);
  return pids.filter(alive);
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
