/**
 * Content hashes of files, remembered by (size, mtime, inode) so that a file
 * nobody touched is never read again (DVC's state DB, targets' trust_timestamps).
 * Used for declared data files and for published outputs.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashFile, hashJson, initHash, type ContentHash } from '../hash.ts';
import { listFiles } from '../store/object-store.ts';
import type { StateFile } from './state-file.ts';

/** What an absent file hashes to: not a hex digest, so it never equals a real file's hash. */
const MISSING = 'missing' as ContentHash;

type Entry = { size: number; mtimeMs: number; ino: number; hash: ContentHash };

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
    if (c && c.size === s.size && c.mtimeMs === s.mtimeMs && c.ino === s.ino) return c.hash;
    await initHash();
    const hash = hashFile(path);
    this.#cache[path] = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, hash };
    this.#dirty = true;
    return hash;
  }

  save(): void {
    if (this.#dirty) this.state.write(this.#cache);
    this.#dirty = false;
  }
}
