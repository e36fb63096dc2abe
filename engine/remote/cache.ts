/**
 * The remote cache on a `RemoteBackend`:
 *
 *   cas/<content hash>                         outputs, by content (immutable)
 *   runs/<instance hash>/<code hash>/<key hash>.json   run records
 *
 * Records are listed by (instance, code): restoring matches a key only after reading
 * its params and upstream hashes, so the reader lists the candidates and compares.
 *
 * Push uploads missing objects first and the record last: the record is the commit,
 * so a failed or partial upload is invisible. Pull re-hashes every object and stores
 * it only on a match (neither nginx nor Swift checks a body against its name); a
 * missing or corrupt object means "run it", with a warning.
 */
import { fingerprint, hashBytes, initHash, type ContentHash } from '../hash.ts';
import { keyHash, outputsHash, type RunRecord } from '../record.ts';
import type { Store } from '../store/store.ts';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteBackend } from './backend.ts';

export interface PushResult {
  objects: number;
  bytes: number;
  /** False when the remote already had this record. */
  record: boolean;
}

const recordDir = (id: string, code: string) => `runs/${fingerprint(id).slice(0, 16)}/${code}/`;

export class RemoteCache {
  constructor(
    readonly backend: RemoteBackend,
    readonly store: Store,
    /** Warnings (missing or corrupt remote objects, unreadable records). */
    readonly warn: (id: string, message: string) => void,
  ) {}

  /** Upload a result: its objects the remote lacks, then its record. */
  async push(record: RunRecord): Promise<PushResult> {
    const key = `${recordDir(record.key.id, record.key.code)}${record.keyHash}.json`;
    if (await this.backend.has(key)) return { objects: 0, bytes: 0, record: false };
    let objects = 0;
    let bytes = 0;
    for (const h of new Set(Object.values(record.outputs))) {
      if (await this.backend.has(`cas/${h}`)) continue;
      const body = readFileSync(this.store.objects.path(h));
      await this.backend.put(`cas/${h}`, body);
      objects++;
      bytes += body.length;
    }
    await this.backend.put(key, new TextEncoder().encode(JSON.stringify(record)));
    return { objects, bytes, record: true };
  }

  /**
   * The first remote record of (instance, code) whose key `matches`, with every object
   * downloaded, re-hashed and stored; undefined when none matches or an object is bad.
   */
  async fetch(id: string, code: string, matches: (r: RunRecord) => boolean): Promise<RunRecord | undefined> {
    let keys: string[];
    try {
      keys = await this.backend.list(recordDir(id, code));
    } catch (e) {
      this.warn(id, `remote cache unreachable (${(e as Error).message}); running it`);
      return undefined;
    }
    for (const k of keys) {
      if (!k.endsWith('.json')) continue;
      const record = await this.#readRecord(id, k);
      if (!record || !matches(record)) continue;
      if (await this.#download(record)) {
        this.store.records.write(record);
        return record;
      }
      return undefined;
    }
    return undefined;
  }

  /** A record whose content is consistent with its name and its own hashes, else undefined. */
  async #readRecord(id: string, k: string): Promise<RunRecord | undefined> {
    try {
      const body = await this.backend.get(k);
      if (!body) return undefined;
      const r = JSON.parse(new TextDecoder().decode(body)) as RunRecord;
      if (r.key?.id !== id || keyHash(r.key) !== r.keyHash || !k.endsWith(`/${r.keyHash}.json`) || outputsHash(r.outputs) !== r.outputsHash) {
        this.warn(id, `remote record ${k} does not match its own hashes: ignored`);
        return undefined;
      }
      return r;
    } catch (e) {
      this.warn(id, `remote record ${k} is unreadable (${(e as Error).message}): ignored`);
      return undefined;
    }
  }

  async #download(record: RunRecord): Promise<boolean> {
    await initHash();
    for (const [name, h] of Object.entries(record.outputs)) {
      if (this.store.objects.has(h)) continue;
      const body = await this.backend.get(`cas/${h}`);
      if (!body) {
        this.warn(record.key.id, `remote object cas/${h} (${name}) is missing; running it instead`);
        return false;
      }
      const got = hashBytes(body);
      if (got !== h) {
        this.warn(record.key.id, `remote object cas/${h} (${name}) is corrupt (its content hashes to ${got}); running it instead`);
        return false;
      }
      const dir = this.store.stagingDir(`remote-${h}`);
      writeFileSync(join(dir, h), body);
      const stored: ContentHash | undefined = this.store.objects.commit(dir)[h];
      rmSync(dir, { recursive: true, force: true });
      if (stored !== h) return false;
    }
    return true;
  }
}
