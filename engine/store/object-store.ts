/**
 * The content-addressed object store: `cache/objects/<2 hex>/<hash>`.
 *
 * Objects are written only by `commit()`: each staged file is hashed, fsynced
 * and renamed into place (atomic on one filesystem), so an object either exists
 * whole under its hash or not at all. Objects are read-only once stored; a read
 * that finds a hash mismatch reports the object as corrupt and removes it.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { hashFile, type ContentHash } from '../hash.ts';

export class ObjectStore {
  readonly root: string;
  constructor(cacheDir: string) {
    this.root = join(cacheDir, 'objects');
  }

  path(hash: ContentHash): string {
    return join(this.root, hash.slice(0, 2), hash);
  }

  has(hash: ContentHash): boolean {
    return existsSync(this.path(hash));
  }

  /**
   * Move every file under `dir` into the store. Returns output name → hash.
   * The staging dir is consumed (files renamed away).
   */
  commit(dir: string): Record<string, ContentHash> {
    const outputs: Record<string, ContentHash> = {};
    for (const file of listFiles(dir)) {
      const src = join(dir, file);
      fsyncFile(src);
      const hash = hashFile(src);
      const dest = this.path(hash);
      if (existsSync(dest)) rmSync(src);
      else {
        mkdirSync(dirname(dest), { recursive: true });
        chmodSync(src, 0o444);
        renameSync(src, dest);
        fsyncDir(dirname(dest));
      }
      outputs[file] = hash;
    }
    return outputs;
  }

  /** Re-hash an object; a corrupt one is removed. Returns whether it is intact. */
  verify(hash: ContentHash): 'ok' | 'missing' | 'corrupt' {
    const p = this.path(hash);
    if (!existsSync(p)) return 'missing';
    if (hashFile(p) === hash) return 'ok';
    rmSync(p, { force: true });
    return 'corrupt';
  }

  /** Mark an object as used now (LRU order for GC). */
  touch(hash: ContentHash): void {
    const now = new Date();
    try {
      utimesSync(this.path(hash), now, now);
    } catch {
      // missing: the caller finds out on read
    }
  }

  /** Every stored object with its size and last use. */
  *list(): Generator<{ hash: ContentHash; bytes: number; usedMs: number }> {
    if (!existsSync(this.root)) return;
    for (const d of readdirSync(this.root)) {
      for (const f of readdirSync(join(this.root, d))) {
        const s = statSync(join(this.root, d, f));
        yield { hash: f as ContentHash, bytes: s.size, usedMs: s.mtimeMs };
      }
    }
  }

  remove(hash: ContentHash): void {
    rmSync(this.path(hash), { force: true });
  }
}

/** Files under a directory, as relative paths with '/' separators, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(path: string): void {
  try {
    fsyncFile(path);
  } catch {
    // directories cannot be fsynced on every platform
  }
}
