/**
 * Results as a lock file records them: the provenance of an entry, and an `Upstream`
 * reading its outputs from the local store. Used by the executor (for the instances it
 * hands to a stage), by `repro show --lock FILE`, and by tools that read the results of
 * another revision (the report's `--compare`) without running anything.
 */
import { existsSync } from 'node:fs';
import { upstreamFrom } from './context.ts';
import type { LockEntry, LockFile } from './record.ts';
import type { InputProvenance, Provenance, Upstream } from './stage.ts';
import type { Store } from './store/store.ts';

/**
 * What produced `entry`: its key, and what its run record adds (time, facts) when the
 * store still has it. `inputs` names the upstream results it read, as `lock` records them
 * (those whose outputs it read are still the lock's current ones).
 */
export function provenanceOf(store: Store, lock: LockFile, entry: LockEntry, stale = false): Provenance {
  const record = store.records.read(entry.key.id, entry.keyHash);
  const inputs: InputProvenance[] = [];
  for (const q of entry.key.inputs) {
    for (const [uid, outputsHash] of Object.entries(q.matched)) {
      const u = lock.instances[uid];
      if (u && u.outputsHash === outputsHash) inputs.push({ id: uid, keyHash: u.keyHash, codeHash: u.key.code, params: u.key.params });
    }
  }
  return {
    keyHash: entry.keyHash,
    codeHash: entry.key.code,
    codeFiles: Object.keys(record?.recorded.codeFiles ?? {}),
    params: entry.key.params,
    outputs: entry.outputs,
    finishedAt: record?.recorded.finishedAt ?? '',
    seconds: record?.recorded.seconds ?? 0,
    facts: record?.recorded.facts ?? {},
    stale,
    inputs,
  };
}

export interface LockedResult {
  entry: LockEntry;
  /** Reads the outputs the store still holds. */
  upstream: Upstream;
  /** Outputs whose objects the local store no longer has (removed by `repro gc`, or made elsewhere). */
  missing: string[];
}

/** Every instance of `stage` (or the one instance with that id) in `lock`, with what the store still holds. */
export function lockedResults(store: Store, lock: LockFile, stageOrId: string): LockedResult[] {
  const entries = Object.values(lock.instances).filter((e) => e.key.id === stageOrId || e.stage === stageOrId);
  return entries.map((entry) => {
    const files = Object.fromEntries(Object.entries(entry.outputs).map(([n, h]) => [n, store.objects.path(h)]));
    const missing = Object.keys(files).filter((n) => !existsSync(files[n]!));
    for (const n of missing) delete files[n];
    return { entry, missing, upstream: upstreamFrom(entry.key.id, entry.instance, files, provenanceOf(store, lock, entry)) };
  });
}
