/**
 * Why an instance must run: small checks with one signature, run in a fixed,
 * documented order (as in R targets' cues). The first that fires is the
 * headline reason; `repro why` lists every one that fires.
 *
 * Order: never built → code → params → upstream → files → platform → outputs missing.
 * Code comes first because a code change can change which params are read.
 */
import { canonicalJson, type ContentHash } from './hash.ts';
import { matches } from './context.ts';
import type { CodeInfo } from './code-hash.ts';
import { valueAt } from './params-proxy.ts';
import type { Key, RunRecord } from './record.ts';
import type { InstanceParams, Json } from './stage.ts';

/** The reasons an instance is stale. */
export type StaleReason =
  /** No result of this instance with these inputs exists. */
  | { type: 'never-built' }
  /** The stage's import closure changed; `files` lists the project files whose content differs. */
  | { type: 'code'; files: string[]; packages: string[] }
  /** A param the instance read has a new value. */
  | { type: 'params'; changes: { path: string; from: Json; to: Json }[] }
  /** An upstream result it read changed, appeared or disappeared. */
  | { type: 'upstream'; changes: { id: string; change: 'changed' | 'added' | 'removed' }[] }
  /** A declared data/script file changed. */
  | { type: 'files'; files: string[] }
  /** Different OS or CPU architecture. */
  | { type: 'platform'; from: string; to: string }
  /** The result is known but some output objects are missing or corrupt in the store. */
  | { type: 'outputs-missing'; names: string[] }
  /** `--force` was given. */
  | { type: 'forced' };

/** What an instance's inputs are now. */
export interface Current {
  code: CodeInfo;
  params: Json;
  files: Record<string, ContentHash>;
  platform: string;
  /** Current upstream instances of a stage that have a result (id, grid point, outputs hash). */
  upstream(stage: string): { id: string; instance: InstanceParams; outputsHash: ContentHash }[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function paramsCue(key: Key, cur: Current): StaleReason | undefined {
  const changes = Object.entries(key.params)
    .filter(([path, v]) => !same(valueAt(cur.params, path), v))
    .map(([path, from]) => ({ path, from, to: valueAt(cur.params, path) }));
  return changes.length ? { type: 'params', changes } : undefined;
}

function upstreamCue(key: Key, cur: Current): StaleReason | undefined {
  const changes: { id: string; change: 'changed' | 'added' | 'removed' }[] = [];
  for (const q of key.inputs) {
    const now = cur.upstream(q.stage).filter((u) => matches(u.instance, q.where));
    const nowIds = new Set(now.map((u) => u.id));
    for (const u of now) {
      const was = q.matched[u.id];
      if (was === undefined) changes.push({ id: u.id, change: 'added' });
      else if (was !== u.outputsHash) changes.push({ id: u.id, change: 'changed' });
    }
    for (const id of Object.keys(q.matched)) if (!nowIds.has(id)) changes.push({ id, change: 'removed' });
  }
  return changes.length ? { type: 'upstream', changes } : undefined;
}

function codeCue(key: Key, recordedFiles: Record<string, ContentHash>, cur: Current): StaleReason | undefined {
  if (key.code === cur.code.hash) return undefined;
  const all = new Set([...Object.keys(recordedFiles), ...Object.keys(cur.code.files)]);
  const files = [...all].filter((f) => recordedFiles[f] !== cur.code.files[f]).sort();
  return { type: 'code', files, packages: [] };
}

function filesCue(key: Key, cur: Current): StaleReason | undefined {
  const all = new Set([...Object.keys(key.files), ...Object.keys(cur.files)]);
  const files = [...all].filter((f) => key.files[f] !== cur.files[f]).sort();
  return files.length ? { type: 'files', files } : undefined;
}

/** Every reason the record does not match the current inputs, in cue order (empty = it matches). */
export function staleReasons(record: Pick<RunRecord, 'key' | 'recorded'>, cur: Current): StaleReason[] {
  const { key } = record;
  const reasons: (StaleReason | undefined)[] = [
    codeCue(key, record.recorded.codeFiles, cur),
    paramsCue(key, cur),
    upstreamCue(key, cur),
    filesCue(key, cur),
    key.platform === cur.platform ? undefined : { type: 'platform', from: key.platform, to: cur.platform },
  ];
  return reasons.filter((r): r is StaleReason => r !== undefined);
}

/** Does the record's key match the current inputs? (The cheap test: stops at the first difference.) */
export function keyMatches(key: Key, cur: Current): boolean {
  return (
    key.code === cur.code.hash &&
    key.platform === cur.platform &&
    !filesCue(key, cur) &&
    !paramsCue(key, cur) &&
    !upstreamCue(key, cur)
  );
}
