/**
 * Publishing: copies of outputs in a stage's `publish` dir (e.g. `reports/`), for
 * people and tools that want plain files. The engine remembers what each instance
 * published (`cache/state/published-files.json`), so it can take back what is no
 * longer current: outputs an instance stopped writing, and everything an instance
 * that left the pipeline (a removed grid point or stage) had published. A file whose
 * content someone changed since it was published is left alone.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContentHash } from './hash.ts';
import type { LockEntry } from './record.ts';
import type { Store } from './store/store.ts';
import type { FileHashes } from './util/file-hashes.ts';

/** Instance id → project-relative path → the hash published there. */
type Published = Record<string, Record<string, ContentHash>>;

export class Publisher {
  #state;
  #published: Published;
  #dirty = false;

  constructor(
    readonly root: string,
    readonly store: Store,
    readonly fileHashes: FileHashes,
  ) {
    this.#state = store.state<Published>('published-files');
    this.#published = this.#state.read() ?? {};
  }

  /** Copy an instance's outputs into `dir` (project-relative), and take back what it published before but no longer outputs. */
  async publish(id: string, dir: string, entry: LockEntry): Promise<void> {
    const now: Record<string, ContentHash> = {};
    for (const [name, h] of Object.entries(entry.outputs)) {
      const rel = join(dir, name);
      now[rel] = h;
      const dest = join(this.root, rel);
      if ((await this.fileHashes.hash(dest)) === h) continue;
      mkdirSync(dirname(dest), { recursive: true });
      rmSync(dest, { force: true });
      copyFileSync(this.store.objects.path(h), dest);
      chmodSync(dest, 0o644); // the store's copy is read-only; the published one is the user's
    }
    const before = this.#published[id] ?? {};
    for (const [rel, h] of Object.entries(before)) if (!(rel in now)) await this.#takeBack(rel, h);
    if (JSON.stringify(before) !== JSON.stringify(now)) {
      this.#published[id] = now;
      this.#dirty = true;
    }
  }

  /** Take back what instances no longer in the pipeline published. */
  async removeGone(current: ReadonlyMap<string, unknown>): Promise<void> {
    const gone = Object.keys(this.#published).filter((id) => !current.has(id));
    if (!gone.length) return;
    const kept = new Set(Object.entries(this.#published).filter(([id]) => current.has(id)).flatMap(([, files]) => Object.keys(files)));
    for (const id of gone) {
      for (const [rel, h] of Object.entries(this.#published[id]!)) if (!kept.has(rel)) await this.#takeBack(rel, h);
      delete this.#published[id];
    }
    this.#dirty = true;
  }

  async #takeBack(rel: string, h: ContentHash): Promise<void> {
    const p = join(this.root, rel);
    if ((await this.fileHashes.hash(p)) === h) rmSync(p, { force: true });
  }

  save(): void {
    if (this.#dirty) this.#state.write(this.#published);
    this.#dirty = false;
  }
}
