/**
 * Garbage collection that users can predict:
 *  1. keep every result a lock file uses (repro.lock.json and every profile's
 *     repro.<profile>.lock.json), plus the
 *     newest `keepLast` results of every instance (so reverting a param restores);
 *  2. delete run records beyond that, and objects no kept record references;
 *  3. if the store is still over `maxBytes`, evict least-recently-used objects
 *     not used by the current pipeline, with the records that reference them.
 * `dryRun` computes exactly the same list without deleting anything.
 */
import { UsageError } from './errors.ts';
import { badSize } from './logging/errors.ts';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentHash } from './hash.ts';
import type { Project } from './project.ts';
import { readLock, type LockEntry, type RunRecord } from './record.ts';

export interface GcOptions {
  dryRun: boolean;
  /** Size cap for objects, in bytes. */
  maxBytes: number;
  /** Results kept per instance besides the current one. */
  keepLast: number;
}

/** Applied automatically after every run: generous, but never unbounded. */
export const DEFAULT_GC: Omit<GcOptions, 'dryRun'> = { maxBytes: 5 * 1024 ** 3, keepLast: 3 };

export interface GcResult {
  objects: { hash: ContentHash; bytes: number }[];
  records: number;
  builds: number;
  freedBytes: number;
  keptBytes: number;
}

export function collectGarbage(project: Project, o: GcOptions): GcResult {
  const { store, plan } = project;
  const inUse = lockedEntries(project);
  const current = new Set(inUse.map((e) => e.keyHash));
  const byId = new Map<string, RunRecord[]>();
  for (const r of store.records.everything()) {
    const list = byId.get(r.key.id) ?? [];
    list.push(r);
    byId.set(r.key.id, list);
  }
  const kept: RunRecord[] = [];
  const dropped: RunRecord[] = [];
  for (const list of byId.values()) {
    list.sort((a, b) => (a.recorded.finishedAt < b.recorded.finishedAt ? 1 : -1));
    list.forEach((r, i) => (current.has(r.keyHash) || i < o.keepLast ? kept : dropped).push(r));
  }
  const protectedObjs = new Set(inUse.flatMap((e) => Object.values(e.outputs)));
  const referenced = new Set(kept.flatMap((r) => Object.values(r.outputs)));
  const objects = [...store.objects.list()].sort((a, b) => a.usedMs - b.usedMs || (a.hash < b.hash ? -1 : 1));
  const remove = new Map<ContentHash, number>();
  let size = 0;
  for (const obj of objects) {
    if (referenced.has(obj.hash) || protectedObjs.has(obj.hash)) size += obj.bytes;
    else remove.set(obj.hash, obj.bytes);
  }
  for (const obj of objects) {
    if (size <= o.maxBytes) break;
    if (protectedObjs.has(obj.hash) || remove.has(obj.hash)) continue;
    remove.set(obj.hash, obj.bytes);
    size -= obj.bytes;
  }
  const stillKept = kept.filter((r) => Object.values(r.outputs).every((h) => !remove.has(h)) || current.has(r.keyHash));
  dropped.push(...kept.filter((r) => !stillKept.includes(r)));
  const buildDir = store.buildDir;
  const liveBuilds = new Set([plan.pipeline, ...plan.stages.map((s) => s.code)].map((c) => c.hash as string));
  // Bundles are small; keep any used in the last day (another checkout or branch may still plan with it).
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  const builds = existsSync(buildDir)
    ? readdirSync(buildDir).filter((d) => !liveBuilds.has(d) && d.length > 16 && statSync(join(buildDir, d)).mtimeMs < dayAgo)
    : [];
  if (!o.dryRun) {
    for (const r of dropped) store.records.remove(r);
    for (const h of remove.keys()) store.objects.remove(h);
    for (const b of builds) rmSync(join(buildDir, b), { recursive: true, force: true });
  }
  const list = [...remove].map(([hash, bytes]) => ({ hash, bytes }));
  return { objects: list, records: dropped.length, builds: builds.length, freedBytes: list.reduce((s, x) => s + x.bytes, 0), keptBytes: size };
}

/** The entries of this project's lock and of every other profile's lock file next to it. */
function lockedEntries(project: Project): LockEntry[] {
  const dir = dirname(project.lockPath);
  const others = readdirSync(dir)
    .filter((f) => /^repro\.(.+\.)?lock\.json$/.test(f) && join(dir, f) !== project.lockPath)
    .map((f) => readLock(join(dir, f)));
  return [project.lock, ...others].flatMap((l) => Object.values(l.instances));
}

/** Parse `2GB`, `500MB`, `1.5G`, `1024` (bytes). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new UsageError(badSize('--max-size', text));
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(m[1]) * unit);
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) (n /= 1024), i++;
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
