/**
 * The cache directory, `cache/` at the project root unless `--cache-dir` says otherwise:
 *
 *   objects/<2 hex>/<hash>          stage outputs, content-addressed, read-only
 *   runs/<id hash>/<key hash>.json  run records (key, outputs, recorded facts)
 *   tmp/<id>-<pid>-<n>/             staging dirs of running instances
 *   build/<code hash>/stage.mjs     bundled stage code (what is hashed is what runs)
 *   state/*.json                    caches that make the no-op path fast
 *   lock/                           the project lock (engine/project-lock.ts)
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../hash.ts';
import { RunRecords } from '../record.ts';
import { StateFile } from '../util/state-file.ts';
import { ObjectStore } from './object-store.ts';

let counter = 0;

export class Store {
  readonly objects: ObjectStore;
  readonly records: RunRecords;
  readonly tmp: string;
  /** Bundled stage code (engine/code-hash.ts). */
  readonly buildDir: string;

  constructor(readonly dir: string) {
    this.buildDir = join(dir, 'build');
    this.objects = new ObjectStore(dir);
    this.records = new RunRecords(join(dir, 'runs'));
    this.tmp = join(dir, 'tmp');
  }

  state<T>(name: string): StateFile<T> {
    return new StateFile<T>(join(this.dir, 'state', `${name}.json`));
  }

  /** A fresh staging dir inside the cache (same filesystem as objects/, so commits are renames). */
  stagingDir(id: string): string {
    const d = join(this.tmp, `${fingerprint(id).slice(0, 12)}-${process.pid}-${++counter}`);
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
    return d;
  }

  /** Remove staging dirs left by runs that died (call only while holding the project lock). */
  cleanStaging(): number {
    if (!existsSync(this.tmp)) return 0;
    const left = readdirSync(this.tmp);
    for (const d of left) rmSync(join(this.tmp, d), { recursive: true, force: true });
    return left.length;
  }
}
