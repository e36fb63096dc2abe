/**
 * Why an instance must run: one ordered list of cues (as in R targets), each a
 * check with the same signature. The first that fires is the headline reason;
 * `repro why` lists every one that fires. A candidate result (the lock entry,
 * or a stored run record to restore) is current when none fires.
 *
 * Order, as documented in the README ("What reruns, and why"):
 *   forced → never built → code → params → upstream → files → platform → outputs.
 * Code comes first because a code change can change which params are read;
 * outputs come last because they only matter for a result whose key matches.
 */
import { canonicalJson, type ContentHash } from './hash.ts';
import { matches } from './context.ts';
import type { CodeInfo } from './code-hash.ts';
import { valueAt } from './params-proxy.ts';
import type { Key, Recorded } from './record.ts';
import type { InstanceParams, Json } from './stage.ts';

/** How an upstream instance that the result read (or would now read) differs. */
export type UpstreamChange =
  /** Its outputs are different. */
  | 'changed'
  /** It matches the query now but did not then. */
  | 'added'
  /** It matched then but is no longer in the pipeline (or no longer matches). */
  | 'removed'
  /** It will rerun first; this instance reruns only if its outputs change (dry runs, `status`, `why`). */
  | 'pending';

/** The reasons an instance is stale, one variant per cue. */
export type StaleReason =
  /** `--force` was given. */
  | { type: 'forced' }
  /** No result of this instance exists. */
  | { type: 'never-built' }
  /**
   * The stage's import closure changed: the project files whose content differs, and the
   * npm packages whose version differs. Both empty when no local record says what they were.
   */
  | { type: 'code'; files: string[]; packages: { name: string; from: string | null; to: string | null }[]; known: boolean }
  /** A param the instance read has a new value. */
  | { type: 'params'; changes: { path: string; from: Json; to: Json }[] }
  /** An upstream result it read changed, appeared, disappeared, or will rerun first. */
  | { type: 'upstream'; changes: { id: string; change: UpstreamChange }[] }
  /** A declared data/script file changed. */
  | { type: 'files'; files: string[] }
  /** Different OS or CPU architecture. */
  | { type: 'platform'; from: string; to: string }
  /** The result was never in this machine's store (a fresh clone's committed lock file names it). */
  | { type: 'not-cached' }
  /** The result was stored here, but some of its outputs are gone (removed by `gc` or `verify`). */
  | { type: 'outputs-missing'; names: string[] }
  /** Some of its outputs failed their hash check on read. */
  | { type: 'outputs-corrupt'; names: string[] };

/** One upstream instance as the current run sees it. */
export interface CurrentUpstream {
  id: string;
  instance: InstanceParams;
  /** Hash of its outputs; undefined while it is pending a rerun (dry runs). */
  outputsHash: ContentHash | undefined;
}

/** What an instance's inputs are now. */
export interface Current {
  code: CodeInfo;
  params: Json;
  files: Record<string, ContentHash>;
  platform: string;
  /** Upstream instances of a stage that have a result or will have one (in grid order). */
  upstream(stage: string): CurrentUpstream[];
}

/** A result the instance could use: its lock entry, or a stored run record. */
export interface Candidate {
  key: Key;
  outputs: Record<string, ContentHash>;
  /** What this machine recorded with it (undefined: no local run record, e.g. on a fresh clone). */
  recorded(): Pick<Recorded, 'codeFiles' | 'packages'> | undefined;
}

/** Everything a cue looks at. */
export interface CueInput {
  /** The result to judge; undefined when the instance has none. */
  candidate: Candidate | undefined;
  cur: Current;
  forced: boolean;
  /** Is this object in the local store? */
  stored(hash: ContentHash): boolean;
}

export type CueName = 'forced' | 'never-built' | 'code' | 'params' | 'upstream' | 'files' | 'platform' | 'outputs';

/**
 * A cue: returns the reason it fires, or undefined. (`outputs-corrupt` is no cue: it is
 * found when a downstream reads the objects, and rebuilds the instance then.)
 */
export interface Cue {
  readonly name: CueName;
  check(input: CueInput): StaleReason | undefined;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** A cue that needs a candidate (every cue but `forced` and `never-built`). */
const onCandidate =
  (f: (c: Candidate, cur: Current, i: CueInput) => StaleReason | undefined) =>
  (i: CueInput): StaleReason | undefined =>
    i.candidate ? f(i.candidate, i.cur, i) : undefined;

function codeDiff(c: Candidate, cur: Current): StaleReason {
  const rec = c.recorded();
  if (!rec) return { type: 'code', files: [], packages: [], known: false };
  const all = new Set([...Object.keys(rec.codeFiles), ...Object.keys(cur.code.files)]);
  const files = [...all].filter((f) => rec.codeFiles[f] !== cur.code.files[f]).sort();
  const names = new Set([...Object.keys(rec.packages ?? {}), ...Object.keys(cur.code.packages)]);
  const packages = [...names]
    .filter((n) => rec.packages?.[n] !== cur.code.packages[n])
    .sort()
    .map((name) => ({ name, from: rec.packages?.[name] ?? null, to: cur.code.packages[name] ?? null }));
  return { type: 'code', files, packages, known: true };
}

function upstreamDiff(key: Key, cur: Current): StaleReason | undefined {
  const changes: { id: string; change: UpstreamChange }[] = [];
  for (const q of key.inputs) {
    const now = cur.upstream(q.stage).filter((u) => matches(u.instance, q.where));
    const nowIds = new Set(now.map((u) => u.id));
    for (const u of now) {
      const was = q.matched[u.id];
      if (u.outputsHash === undefined) changes.push({ id: u.id, change: 'pending' });
      else if (was === undefined) changes.push({ id: u.id, change: 'added' });
      else if (was !== u.outputsHash) changes.push({ id: u.id, change: 'changed' });
    }
    for (const id of Object.keys(q.matched)) if (!nowIds.has(id)) changes.push({ id, change: 'removed' });
  }
  return changes.length ? { type: 'upstream', changes } : undefined;
}

function outputsDiff(c: Candidate, i: CueInput): StaleReason | undefined {
  const missing = Object.entries(c.outputs).filter(([, h]) => !i.stored(h)).map(([n]) => n);
  if (!missing.length) return undefined;
  if (missing.length === Object.keys(c.outputs).length && !c.recorded()) return { type: 'not-cached' };
  return { type: 'outputs-missing', names: missing };
}

/** The cues, in order. */
export const CUES: readonly Cue[] = [
  { name: 'forced', check: (i) => (i.forced ? { type: 'forced' } : undefined) },
  { name: 'never-built', check: (i) => (i.candidate ? undefined : { type: 'never-built' }) },
  { name: 'code', check: onCandidate((c, cur) => (c.key.code === cur.code.hash ? undefined : codeDiff(c, cur))) },
  {
    name: 'params',
    check: onCandidate(({ key }, cur) => {
      const changes = Object.entries(key.params)
        .filter(([path, v]) => !same(valueAt(cur.params, path), v))
        .map(([path, from]) => ({ path, from, to: valueAt(cur.params, path) }));
      return changes.length ? { type: 'params', changes } : undefined;
    }),
  },
  { name: 'upstream', check: onCandidate(({ key }, cur) => upstreamDiff(key, cur)) },
  {
    name: 'files',
    check: onCandidate(({ key }, cur) => {
      const all = new Set([...Object.keys(key.files), ...Object.keys(cur.files)]);
      const files = [...all].filter((f) => key.files[f] !== cur.files[f]).sort();
      return files.length ? { type: 'files', files } : undefined;
    }),
  },
  {
    name: 'platform',
    check: onCandidate(({ key }, cur) => (key.platform === cur.platform ? undefined : { type: 'platform', from: key.platform, to: cur.platform })),
  },
  { name: 'outputs', check: onCandidate((c, _cur, i) => outputsDiff(c, i)) },
];

/** Every cue that fires, in order (empty: the candidate is current). */
export function staleReasons(input: CueInput): StaleReason[] {
  return CUES.map((c) => c.check(input)).filter((r): r is StaleReason => r !== undefined);
}

/** The first cue that fires (the cheap test: stops there), or undefined when the candidate is current. */
export function firstStale(input: CueInput): StaleReason | undefined {
  for (const c of CUES) {
    const r = c.check(input);
    if (r) return r;
  }
  return undefined;
}
