/**
 * Content hashes of files, remembered by (size, mtime, ctime, inode) so that a file
 * nobody touched is never read again (DVC's state DB, targets' trust_timestamps).
 * ctime matters: `cp -p`, `rsync -t` and `tar x` restore mtime, but nothing can set ctime.
 * Used for declared data files and for published outputs.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { hashFile, hashJson, initHash, type ContentHash } from '../hash.ts';
import { listFiles } from '../store/object-store.ts';
import type { StateFile } from './state-file.ts';

/** What an absent file hashes to: not a hex digest, so it never equals a real file's hash. */
const MISSING = 'missing' as ContentHash;

type Entry = FileStat & { hash: ContentHash };

/** What a stat cache compares: a file whose four values are unchanged is taken as unchanged. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export const fileStat = (s: Stats): FileStat => ({ size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino });

export const sameStat = (a: FileStat | undefined, b: FileStat): boolean =>
  !!a && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

export class FileHashes {
  #cache: Record<string, Entry>;
  #dirty = false;

  constructor(readonly state: StateFile<Record<string, Entry>>) {
    this.#cache = state.read() ?? {};
  }

  /** The content hash of a file (a fixed hash for a missing file, so that creating it is a change). */
  async hash(path: string): Promise<ContentHash> {
    if (!existsSync(path)) return MISSING;
    const s = statSync(path);
    if (s.isDirectory()) {
      // A directory's hash covers every file under it, by relative path.
      const files = listFiles(path);
      const hashes = await Promise.all(files.map((f) => this.hash(join(path, f))));
      await initHash();
      return hashJson<ContentHash>(Object.fromEntries(files.map((f, i) => [f, hashes[i]])));
    }
    const c = this.#cache[path];
    const now = fileStat(s);
    if (c && sameStat(c, now)) return c.hash;
    await initHash();
    const hash = hashFile(path);
    this.#cache[path] = { ...now, hash };
    this.#dirty = true;
    return hash;
  }

  /** Record the hash of a file just written and hashed (a store object at commit), so it is not read again. */
  remember(path: string, hash: ContentHash): void {
    try {
      this.#cache[path] = { ...fileStat(statSync(path)), hash };
      this.#dirty = true;
    } catch {
      // gone: nothing to remember
    }
  }

  save(): void {
    if (this.#dirty) this.state.write(this.#cache);
    this.#dirty = false;
  }
}
