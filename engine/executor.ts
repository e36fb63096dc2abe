/**
 * The executor: brings each requested stage instance up to date, at most once per
 * run, upstream first, independent instances in parallel on the worker pool.
 *
 * For each instance, in this order:
 *  1. its upstream instances are settled (a required one failing skips it);
 *  2. `#handleFresh`: no cue (cues.ts) fires against the lock entry → nothing to
 *     do (`cutoff` if an upstream reran this time with byte-identical outputs);
 *  3. `#handleRestore`: no cue fires against some earlier run record → restored;
 *  4. `#handleNeedsRun`: run it in a worker, in a staging dir inside the cache, for
 *     the reasons the cues give against the lock entry;
 *     on success the outputs are hashed, fsynced and renamed into the store, and
 *     only then is the run record written (crash-safe by construction).
 */
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { firstStale, staleReasons, type Candidate, type Current, type CurrentUpstream, type StaleReason } from './cues.ts';
import type { Outcome, Reporter } from './events.ts';
import { Publisher } from './publish.ts';
import { canonicalJson, fingerprint, initHash, type ContentHash } from './hash.ts';
import type { PlannedInstance, PlannedStage } from './plan.ts';
import { keyHash, outputsHash, toLockEntry, type InputKey, type LockEntry, type RunRecord } from './record.ts';
import type { Json } from './stage.ts';
import type { Project } from './project.ts';
import { provenanceOf } from './locked.ts';
import type { UpstreamRef } from './worker-protocol.ts';
import type { JobExecutor } from './executors/types.ts';
import type { RemoteCache } from './remote/cache.ts';
import type { FileHashes } from './util/file-hashes.ts';

export interface ExecutorOptions {
  project: Project;
  /** Where instances run: the local worker pool or a cluster (engine/executors/). */
  pool: JobExecutor | undefined;
  reporter: Reporter;
  engineVersion: string;
  /** Only report what would run. */
  dryRun?: boolean;
  /** A remote cache: read before running (`repro run --remote`, `repro pull`). */
  remote?: RemoteCache;
  /** Also push each new result to the remote (opt-in; the default in CI). */
  remoteWrite?: boolean;
  /** Restore what matches (locally or from the remote) and run nothing (`repro pull`). */
  restoreOnly?: boolean;
  /** Instance ids to run even if fresh. */
  force?: ReadonlySet<string>;
  /** Stat-cached content hashes of declared files and published outputs. */
  fileHashes: FileHashes;
}

/** How an instance was settled, as seen by its downstream (and by `status`). */
export type Settled =
  /** It has a current result: `entry`. `reasons` are why it ran (empty unless it ran). */
  | { id: string; outcome: 'fresh' | 'cutoff' | 'restored' | 'ran'; reasons: StaleReason[]; entry: LockEntry }
  /** Dry run (or an upstream would run first): it would run, for these reasons. */
  | { id: string; outcome: 'would-run'; reasons: StaleReason[] }
  /**
   * It failed (its own error) or was skipped (a required upstream failed). An optional
   * downstream sees its last result instead, if it has one: `staleEntry`.
   */
  | { id: string; outcome: 'failed' | 'skipped'; reasons: StaleReason[]; error: string; staleEntry?: LockEntry };

/** The result a downstream reads from a settled upstream, and whether it is an older, stale one. */
function resultOf(u: Settled): { entry: LockEntry; stale: boolean } | undefined {
  if ('entry' in u) return { entry: u.entry, stale: false };
  if ('staleEntry' in u && u.staleEntry) return { entry: u.staleEntry, stale: true };
  return undefined;
}

const PLATFORM = `${process.platform}-${process.arch}`;

export class Executor {
  #memo = new Map<string, Promise<Settled>>();
  #upstreamMemo = new Map<string, Promise<{ req: Settled[]; upstream: Settled[] }>>();
  /** Upstream results by stage, per upstream list (shared by every instance of a stage). */
  #byStage = new WeakMap<Settled[], Map<string, CurrentUpstream[]>>();
  /** Rebuilds of corrupt upstream results, one per instance however many downstreams find it. */
  #rebuilds = new Map<string, Promise<LockEntry>>();
  readonly settled = new Map<string, Settled>();
  /** Published copies of outputs; `run` saves it and takes back what removed instances published. */
  readonly publisher: Publisher;

  constructor(readonly o: ExecutorOptions) {
    this.publisher = new Publisher(o.project.root, o.project.store, o.fileHashes);
  }

  /** Settle an instance (memoised: each instance is handled once per run). */
  settle(id: string): Promise<Settled> {
    let p = this.#memo.get(id);
    if (!p) {
      p = this.#settle(id).then(
        (s) => (this.settled.set(id, s), s),
        (e: unknown) => {
          // Anything thrown is turned into a failure at this boundary.
          const s: Settled = { id, outcome: 'failed', reasons: [], error: e instanceof Error ? e.message : String(e) };
          this.o.reporter.event({ type: 'failed', id, message: s.error, stack: (e as Error)?.stack, skipped: false });
          this.settled.set(id, s);
          return s;
        },
      );
      this.#memo.set(id, p);
    }
    return p;
  }

  /**
   * The settled upstream of a stage (required ones, and all with optional ones seen through
   * their last result). Memoised per stage: the 90 instances of a stage that all read the
   * same 90 upstream ones share one list, not 90 × 90 awaits (on the no-op path of a wide
   * DAG such bookkeeping dominates).
   */
  #upstreamOf(stage: PlannedStage): Promise<{ req: Settled[]; upstream: Settled[] }> {
    let p = this.#upstreamMemo.get(stage.name);
    if (!p) {
      const settleAll = (names: readonly string[]) => Promise.all(names.flatMap((d) => this.o.project.plan.byName.get(d)!.instances).map((u) => this.settle(u.id)));
      p = Promise.all([settleAll(stage.deps), settleAll(stage.optionalDeps)]).then(([req, opt]) => ({ req, upstream: [...req, ...opt.map((u) => this.#optionalView(u))] }));
      this.#upstreamMemo.set(stage.name, p);
    }
    return p;
  }

  #stage(inst: PlannedInstance): PlannedStage {
    return this.o.project.plan.byName.get(inst.stage)!;
  }

  async #settle(id: string): Promise<Settled> {
    const inst = this.o.project.plan.byId.get(id);
    if (!inst) throw new Error(`unknown instance ${id}`);
    const stage = this.#stage(inst);
    const { req, upstream } = await this.#upstreamOf(stage);
    const bad = req.filter((u) => u.outcome === 'failed' || u.outcome === 'skipped');
    if (bad.length) {
      const message = `skipped: upstream ${bad.map((b) => b.id).join(', ')} failed`;
      this.o.reporter.event({ type: 'failed', id, message, skipped: true });
      return { id, outcome: 'skipped', reasons: [], error: message };
    }
    const cur = await this.#current(stage, upstream);
    const last = this.o.project.lock.instances[id];
    const forced = this.o.force?.has(id) ?? false;

    if (!forced) {
      const fresh = await this.#handleFresh(id, last, cur, upstream);
      if (fresh) return fresh;
      const restored = await this.#handleRestore(id, cur);
      if (restored) return restored;
    }
    const reasons = staleReasons(this.#cueInput(last && this.#candidate(last), cur, forced));
    const pending = reasons.some((r) => r.type === 'upstream' && r.changes.some((c) => c.change === 'pending'));
    if (this.o.dryRun || this.o.restoreOnly || pending) {
      this.o.reporter.event({ type: 'would-run', id, reasons, pendingUpstream: pending });
      return { id, outcome: 'would-run', reasons };
    }
    return this.#handleNeedsRun(inst, stage, cur, upstream, reasons);
  }

  /** An optional upstream that failed is seen through its last result, marked stale. */
  #optionalView(u: Settled): Settled {
    if (u.outcome !== 'failed' && u.outcome !== 'skipped') return u;
    const last = this.o.project.lock.instances[u.id];
    if (last && this.#intact(last)) return { ...u, staleEntry: last };
    return u;
  }

  async #current(stage: PlannedStage, upstream: Settled[]): Promise<Current> {
    let byStage = this.#byStage.get(upstream);
    if (!byStage) {
      byStage = new Map<string, CurrentUpstream[]>();
      for (const u of upstream) {
        const result = resultOf(u);
        if (!result && u.outcome !== 'would-run') continue;
        const inst = this.o.project.plan.byId.get(u.id)!;
        const list = byStage.get(inst.stage) ?? [];
        list.push({ id: u.id, instance: inst.instance, outputsHash: result?.entry.outputsHash });
        byStage.set(inst.stage, list);
      }
      this.#byStage.set(upstream, byStage);
    }
    const upstreamByStage = byStage;
    return {
      code: stage.code,
      params: this.o.project.params,
      files: Object.fromEntries(await Promise.all(stage.files.map(async (f) => [f, await this.o.fileHashes.hash(resolve(this.o.project.root, f))] as const))),
      platform: PLATFORM,
      upstream: (s) => upstreamByStage.get(s) ?? [],
    };
  }

  /** A lock entry as a candidate result; what was recorded with it is read only if a cue asks. */
  #candidate(entry: LockEntry): Candidate {
    return { key: entry.key, outputs: entry.outputs, recorded: () => this.o.project.store.records.read(entry.key.id, entry.keyHash)?.recorded };
  }

  #cueInput(candidate: Candidate | undefined, cur: Current, forced = false) {
    return { candidate, cur, forced, stored: (h: ContentHash) => this.o.project.store.objects.has(h) };
  }

  #intact(entry: LockEntry): boolean {
    return Object.values(entry.outputs).every((h) => this.o.project.store.objects.has(h));
  }

  async #handleFresh(id: string, last: LockEntry | undefined, cur: Current, upstream: Settled[]): Promise<Settled | undefined> {
    if (!last || firstStale(this.#cueInput(this.#candidate(last), cur))) return undefined;
    const outcome = upstream.some((u) => u.outcome === 'ran') ? 'cutoff' : 'fresh';
    await this.#publish(id, last);
    this.o.reporter.event({ type: 'settled', id, outcome });
    return { id, outcome, reasons: [], entry: last };
  }

  /**
   * Make `entry` the instance's result in repro.lock.json. The objects of the result it
   * replaces were in use until now, and the new ones are in use from now: both are
   * touched, so GC's least-recently-used order is by last use, not by creation.
   */
  #makeCurrent(id: string, entry: LockEntry): void {
    const previous = this.o.project.lock.instances[id];
    for (const h of [...Object.values(previous?.outputs ?? {}), ...Object.values(entry.outputs)]) this.o.project.store.objects.touch(h);
    this.o.project.lock.instances[id] = entry;
    this.o.project.saveLock();
  }

  async #handleRestore(id: string, cur: Current): Promise<Settled | undefined> {
    const match =
      this.o.project.store.records.all(id).find((r) => !firstStale(this.#cueInput({ key: r.key, outputs: r.outputs, recorded: () => r.recorded }, cur))) ??
      // A remote record matches on its key alone: its objects are verified as they download.
      (this.o.remote && !this.o.dryRun
        ? await this.o.remote.fetch(id, cur.code.hash, (r) => !firstStale({ ...this.#cueInput({ key: r.key, outputs: r.outputs, recorded: () => r.recorded }, cur), stored: () => true }))
        : undefined);
    if (!match) return undefined;
    const entry = toLockEntry(match);
    this.#makeCurrent(id, entry);
    await this.#publish(id, entry);
    this.o.reporter.event({ type: 'settled', id, outcome: 'restored' });
    return { id, outcome: 'restored', reasons: [], entry };
  }

  async #handleNeedsRun(inst: PlannedInstance, stage: PlannedStage, cur: Current, upstream: Settled[], reasons: StaleReason[]): Promise<Settled> {
    const { pool, reporter } = this.o;
    const { store, root } = this.o.project;
    if (!pool) throw new Error('no worker pool');
    await initHash();
    const refs = await this.#upstreamRefs(upstream);
    const seed = deriveSeed(this.o.project.params, inst);
    const previous = store.records.all(inst.id)[0];
    const dir = store.stagingDir(inst.id);
    let t0 = performance.now();
    reporter.event({ type: 'queued', id: inst.id, etaSeconds: previous?.recorded.seconds });
    try {
      const result = await pool.run(
        { bundle: resolve(root, stage.code.bundle), id: inst.id, instance: inst.instance, params: this.o.project.params, seed, dir, upstream: refs },
        (m) => reporter.event(m.type === 'progress' ? { type: 'progress', id: inst.id, fraction: m.fraction, note: m.note } : { type: 'log', id: inst.id, message: m.message }),
        () => {
          // Timing and the progress bar start when a worker takes the job, not while it waits for one.
          t0 = performance.now();
          reporter.event({ type: 'start', id: inst.id, reason: reasons[0]!, etaSeconds: previous?.recorded.seconds });
        },
        { expectedSeconds: previous?.recorded.seconds, resources: inst.resources },
      );
      // A result computed on another OS or architecture would be recorded under this one's key.
      if (result.type === 'done' && result.node && result.node.platform !== PLATFORM) {
        const message = `ran on ${result.node.host} (${result.node.platform}), but this scheduler is ${PLATFORM}: the key would be wrong; run repro on the cluster's platform or restrict the partition`;
        reporter.event({ type: 'failed', id: inst.id, message, skipped: false });
        return { id: inst.id, outcome: 'failed', reasons, error: message };
      }
      const seconds = result.type === 'done' && result.node ? result.node.seconds : (performance.now() - t0) / 1000;
      if (result.type === 'failed') {
        reporter.event({ type: 'failed', id: inst.id, message: result.message, stack: result.stack, skipped: false });
        return { id: inst.id, outcome: 'failed', reasons, error: result.message };
      }
      const outputs = store.objects.commit(dir);
      const inputs: InputKey[] = result.inputReads.map((q) => ({
        stage: q.stage,
        where: q.where,
        matched: Object.fromEntries(q.matched.map((uid) => [uid, cur.upstream(q.stage).find((u) => u.id === uid)!.outputsHash!])),
      }));
      const key = { id: inst.id, code: stage.code.hash, params: Object.fromEntries(result.paramReads), inputs, files: cur.files, platform: PLATFORM };
      const record: RunRecord = {
        stage: stage.name,
        instance: inst.instance,
        key,
        keyHash: keyHash(key),
        outputs,
        outputsHash: outputsHash(outputs),
        recorded: {
          codeFiles: stage.code.files,
          packages: stage.code.packages,
          engine: this.o.engineVersion,
          node: result.node?.node ?? process.version,
          seed,
          facts: { ...inheritFacts(Object.values(refs).flat().map((r) => r.provenance.facts)), ...result.facts, host: result.node?.host ?? hostname() },
          finishedAt: new Date().toISOString(),
          seconds,
        },
      };
      store.records.write(record);
      if (this.o.remote && this.o.remoteWrite) {
        // A failed upload costs a later cache miss, never this result.
        await this.o.remote.push(record).catch((e: unknown) => reporter.event({ type: 'log', id: inst.id, message: `push to the remote cache failed: ${(e as Error).message}` }));
      }
      const entry = toLockEntry(record);
      this.#makeCurrent(inst.id, entry);
      // Just hashed at commit (and touched since): downstream reads need not hash them again.
      for (const h of Object.values(outputs)) this.o.fileHashes.remember(store.objects.path(h), h);
      await this.#publish(inst.id, entry);
      reporter.event({ type: 'settled', id: inst.id, outcome: 'ran', seconds });
      return { id: inst.id, outcome: 'ran', reasons, entry };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Store paths and provenance of upstream results; corrupt objects are detected here, on read, and rebuilt. */
  async #upstreamRefs(upstream: Settled[]): Promise<Record<string, UpstreamRef[]>> {
    const refs: Record<string, UpstreamRef[]> = {};
    for (const u of upstream) {
      const result = resultOf(u);
      if (!result) continue;
      let { entry } = result;
      const bad = await this.#checkObjects(entry);
      if (bad) entry = await this.#rebuild(u, bad);
      const inst = this.o.project.plan.byId.get(u.id)!;
      (refs[inst.stage] ??= []).push({
        id: u.id,
        instance: inst.instance,
        files: Object.fromEntries(Object.entries(entry.outputs).map(([n, h]) => [n, this.o.project.store.objects.path(h)])),
        provenance: provenanceOf(this.o.project.store, this.o.project.lock, entry, result.stale),
      });
    }
    return refs;
  }

  /**
   * Are a result's objects intact? Checked through the stat cache: an object whose stat is
   * unchanged since it was last hashed is not read again (`repro verify` re-hashes them all).
   * A corrupt object is removed. Returns why the result must be rebuilt, if it must.
   */
  async #checkObjects(entry: LockEntry): Promise<StaleReason | undefined> {
    const { objects } = this.o.project.store;
    const missing: string[] = [];
    const corrupt: string[] = [];
    for (const [name, h] of Object.entries(entry.outputs)) {
      const now = await this.o.fileHashes.hash(objects.path(h));
      if (now === h) continue;
      if (objects.has(h)) {
        objects.remove(h);
        corrupt.push(name);
      } else missing.push(name);
    }
    if (corrupt.length) return { type: 'outputs-corrupt', names: corrupt };
    return missing.length ? { type: 'outputs-missing', names: missing } : undefined;
  }

  /** Memoised: several downstreams reading the same corrupt upstream rebuild it once. */
  #rebuild(u: Settled, why: StaleReason): Promise<LockEntry> {
    let p = this.#rebuilds.get(u.id);
    if (!p) {
      p = this.#rebuildOnce(u, why);
      this.#rebuilds.set(u.id, p);
    }
    return p;
  }

  async #rebuildOnce(u: Settled, why: StaleReason): Promise<LockEntry> {
    const inst = this.o.project.plan.byId.get(u.id)!;
    const stage = this.#stage(inst);
    const up = await Promise.all(
      [...stage.deps, ...stage.optionalDeps].flatMap((d) => this.o.project.plan.byName.get(d)!.instances).map((x) => this.settle(x.id)),
    );
    const again = await this.#handleNeedsRun(inst, stage, await this.#current(stage, up), up, [why]);
    if (!('entry' in again)) throw new Error(`could not rebuild ${u.id} (${why.type}): ${'error' in again ? again.error : 'failed'}`);
    this.settled.set(u.id, { id: u.id, outcome: 'ran', reasons: [why], entry: again.entry });
    return again.entry;
  }

  /** Copy an instance's outputs into its stage's publish dir (see publish.ts). */
  async #publish(id: string, entry: LockEntry): Promise<void> {
    const stage = this.#stage(this.o.project.plan.byId.get(id)!);
    if (stage.publish && !this.o.dryRun) await this.publisher.publish(id, stage.publish, entry);
  }
}

/**
 * A 32-bit seed from (global seed, stage, grid point): the first 32 bits of the
 * SHA-256 of their canonical JSON. Stable under DAG edits (no position or order
 * enters), different for every instance.
 */
export function deriveSeed(params: Json, inst: PlannedInstance): number {
  const global = (params as { seed?: Json } | null)?.seed ?? 0;
  return parseInt(fingerprint(canonicalJson([global, inst.stage, inst.instance])).slice(0, 8), 16);
}

/**
 * Facts of upstream results, merged: a fact seen with different values upstream lists them all,
 * one per line (sorted). Values are split only on newlines, which a one-line fact never holds, so
 * a value such as `native (OpenBLAS 0.3.21, Haswell kernels)` stays whole however deep it is inherited.
 */
export function inheritFacts(all: Readonly<Record<string, string | number | boolean>>[]): Record<string, string> {
  const values = new Map<string, Set<string>>();
  for (const facts of all) {
    for (const [k, v] of Object.entries(facts)) {
      if (k === 'host') continue;
      for (const part of String(v).split('\n')) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(part);
    }
  }
  return Object.fromEntries([...values].map(([k, v]) => [k, [...v].sort().join('\n')]));
}
