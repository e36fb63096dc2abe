/**
 * Run records: one flat record per successful stage-instance run.
 *
 * A record holds the instance's key (everything its result depends on) and its
 * outputs, plus facts recorded only (not in the key). Records are stored under
 * `cache/runs/<hash of instance id>/<key hash>.json`, so any earlier result of an
 * instance (after reverting a param, say) is found and restored without running.
 * `repro.lock.json` keeps the latest record's key and outputs per instance, in
 * a readable, diff-friendly form meant to be committed.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, fingerprint, hashJson, type CodeHash, type ContentHash, type KeyHash } from './hash.ts';
import type { InstanceParams, Json } from './stage.ts';
import { writeAtomic } from './util/state-file.ts';

/** One `ctx.input(s)` query and what it matched: upstream id → hash of that upstream's outputs. */
export interface InputKey {
  stage: string;
  where: InstanceParams;
  matched: Record<string, ContentHash>;
}

/** Everything a result depends on. Each field says why it is in the key. */
export interface Key {
  /** Which instance this is; two instances never share results. */
  id: string;
  /** The stage's normalised import closure + npm package versions + the engine's store format. */
  code: CodeHash;
  /** Params the instance actually read (dotted path → value): reads elsewhere never rerun it. */
  params: Record<string, Json>;
  /** Upstream results it read, by output hash: identical upstream outputs cut off reruns. */
  inputs: InputKey[];
  /** Declared data/script files (`StageDef.files`) → content hash. */
  files: Record<string, ContentHash>;
  /** OS and CPU architecture: numeric results may differ across them. */
  platform: string;
}

/** Recorded for provenance and ETAs; not part of the key. */
export interface Recorded {
  codeFiles: Record<string, ContentHash>;
  packages: Record<string, string>;
  engine: string;
  node: string;
  seed: number;
  facts: Record<string, string | number | boolean>;
  finishedAt: string;
  seconds: number;
}

export interface RunRecord {
  stage: string;
  instance: InstanceParams;
  key: Key;
  keyHash: KeyHash;
  outputs: Record<string, ContentHash>;
  /** Hash of the outputs map: what downstream keys hold. */
  outputsHash: ContentHash;
  recorded: Recorded;
}

export const outputsHash = (outputs: Record<string, ContentHash>) => hashJson<ContentHash>(outputs);
export const keyHash = (key: Key) => hashJson<KeyHash>(key);

export class RunRecords {
  constructor(readonly dir: string) {}

  #instanceDir(id: string): string {
    return join(this.dir, fingerprint(id).slice(0, 16));
  }

  write(record: RunRecord): void {
    writeAtomic(join(this.#instanceDir(record.key.id), `${record.keyHash}.json`), canonicalJson(record));
  }

  read(id: string, key: KeyHash): RunRecord | undefined {
    try {
      return JSON.parse(readFileSync(join(this.#instanceDir(id), `${key}.json`), 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
  }

  /** Every stored record of an instance, newest first. */
  all(id: string): RunRecord[] {
    const d = this.#instanceDir(id);
    if (!existsSync(d)) return [];
    const out: RunRecord[] = [];
    for (const f of readdirSync(d)) {
      if (!f.endsWith('.json')) continue;
      try {
        out.push(JSON.parse(readFileSync(join(d, f), 'utf8')) as RunRecord);
      } catch {
        // a torn write cannot happen (atomic rename), but never let one bad file stop a run
      }
    }
    return out.sort((a, b) => (a.recorded.finishedAt < b.recorded.finishedAt ? 1 : -1));
  }

  /** Every record in the store. */
  *everything(): Generator<RunRecord> {
    if (!existsSync(this.dir)) return;
    for (const d of readdirSync(this.dir)) {
      for (const f of readdirSync(join(this.dir, d))) {
        try {
          yield JSON.parse(readFileSync(join(this.dir, d, f), 'utf8')) as RunRecord;
        } catch {
          // skip
        }
      }
    }
  }

  remove(record: RunRecord): void {
    rmSync(join(this.#instanceDir(record.key.id), `${record.keyHash}.json`), { force: true });
  }
}

/** repro.lock.json: the latest key and outputs of every instance (a run record without what is only recorded). */
export type LockEntry = Omit<RunRecord, 'recorded'>;
export interface LockFile {
  version: 1;
  instances: Record<string, LockEntry>;
}

export function readLock(path: string): LockFile {
  try {
    return parseLock(readFileSync(path, 'utf8'), path);
  } catch {
    // absent or unreadable: start afresh
  }
  return { version: 1, instances: {} };
}

/** A lock file's text (from disk, or `git show REV:repro.lock.json`) as a `LockFile`; throws one line naming `source` if it is not one. */
export function parseLock(text: string, source: string): LockFile {
  let l: Partial<LockFile>;
  try {
    l = JSON.parse(text) as Partial<LockFile>;
  } catch (e) {
    throw new Error(`${source} is not JSON (${(e as Error).message})`);
  }
  if (l?.version !== 1 || typeof l.instances !== 'object' || l.instances === null) throw new Error(`${source} is not a repro lock file (expected { version: 1, instances: {…} })`);
  return l as LockFile;
}

export function writeLock(path: string, lock: LockFile): void {
  // Sorted keys at every level, one line per field: a diff shows which inputs moved.
  writeAtomic(path, JSON.stringify(JSON.parse(canonicalJson(lock)), null, 2) + '\n');
}

export const toLockEntry = ({ recorded: _recorded, ...entry }: RunRecord): LockEntry => entry;
