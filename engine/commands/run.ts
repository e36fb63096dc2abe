/**
 * `repro run`: bring targets up to date. Holds the project lock for the whole
 * run; Ctrl-C kills the workers and leaves the store consistent (nothing half
 * written is ever referenced: records are written after their objects).
 */
import { join, resolve } from 'node:path';
import type { Outcome, Reporter } from '../events.ts';
import { Executor } from '../executor.ts';
import { acquireLock } from '../project-lock.ts';
import { withUpstream } from '../plan.ts';
import { openProject, selectInstances, type OpenOptions } from '../project.ts';
import { ENGINE_VERSION } from '../version.ts';
import { FileHashes } from '../util/file-hashes.ts';
import { makeExecutor, type ExecutorKind } from '../executors/choose.ts';
import { collectGarbage, DEFAULT_GC } from '../gc.ts';
import { readLock } from '../record.ts';

export interface RunOptions extends OpenOptions {
  targets: string[];
  jobs: number;
  dryRun: boolean;
  force: boolean;
  reporter: Reporter;
  workerScript: string;
  /** Where instances run (default: local worker processes). */
  executor?: ExecutorKind;
  /** Cluster executors: resubmissions after a time or memory limit, each with twice the resource. */
  retries?: number;
  /** Cluster executors: let the cluster requeue a task after a node failure. */
  requeue?: boolean;
  /** Read through a remote cache (REPRO_REMOTE or the site config) before running. */
  remote?: boolean;
  /** Push each new result to the remote cache (opt-in; the default when CI is set). */
  remoteWrite?: boolean;
  /** Restore what matches, locally or from the remote; run nothing (`repro pull`). */
  restoreOnly?: boolean;
  /** Skip the automatic size-capped GC at the end. */
  noGc?: boolean;
}

export interface RunResult {
  counts: Record<Outcome | 'would-run', number>;
  failed: string[];
  /** The lock file this run wrote (one per profile). */
  lockPath: string;
}

export async function runCommand(o: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  // Plan first, so bad params or a broken pipeline fail at once, without waiting for the lock.
  const cacheDir = resolve(o.root, o.cacheDir ?? 'cache');
  let project = await openProject({ ...o, cacheDir });
  selectInstances(project.plan, o.targets); // unknown targets fail now, not after waiting
  let waited = false;
  const held = o.dryRun
    ? undefined
    : await acquireLock(project.store.dir, `repro run ${o.targets.join(' ')}`.trim(), (owner) => {
        waited = true;
        o.reporter.event({ type: 'waiting-for-lock', owner });
      });
  try {
    // The run we waited for may have changed code bundles, records and the lock file: plan again.
    if (waited) project = await openProject({ ...o, cacheDir });
    // Even without waiting, another run may have finished between our reading the lock file and locking.
    else if (held) project.lock.instances = readLock(project.lockPath).instances;
    // Only one run at a time gets here, so anything in tmp/ was left by a run that died.
    if (held) project.store.cleanStaging();
  } catch (e) {
    held?.release();
    throw e;
  }
  const selected = selectInstances(project.plan, o.targets);
  let pool;
  try {
    pool = o.dryRun || o.restoreOnly
      ? undefined
      : makeExecutor({
          kind: o.executor ?? 'local',
          jobs: o.jobs,
          workerScript: o.workerScript,
          root: project.root,
          cacheDir: project.store.dir,
          retries: o.retries ?? 0,
          requeue: o.requeue ?? false,
        });
  } catch (e) {
    held?.release();
    throw e;
  }
  const onSignal = () => {
    pool?.close();
    held?.release();
    o.reporter.close();
    process.stderr.write('\ninterrupted: finished results are kept; the next run redoes only unfinished work\n');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const fileHashes = new FileHashes(project.store.state('files'));
  try {
    const ex = new Executor({
      project,
      pool,
      reporter: o.reporter,
      engineVersion: ENGINE_VERSION,
      fileHashes,
      dryRun: o.dryRun,
      // Loaded only when asked for: the S3 signer is not on the no-op path.
      remote: o.remote || o.restoreOnly ? (await import('./remote.ts')).openRemoteCache(project.store, o.reporter) : undefined,
      remoteWrite: o.remoteWrite,
      restoreOnly: o.restoreOnly,
      force: o.force ? new Set(selected.map((i) => i.id)) : undefined,
    });
    o.reporter.event({ type: 'plan', total: withUpstream(project.plan, selected).size, jobs: o.jobs });
    await Promise.all(selected.map((i) => ex.settle(i.id)));
    const counts = { fresh: 0, restored: 0, cutoff: 0, ran: 0, failed: 0, skipped: 0, 'would-run': 0 };
    for (const s of ex.settled.values()) counts[s.outcome]++;
    const failed = [...ex.settled.values()].filter((s) => s.outcome === 'failed').map((s) => s.id);
    if (!o.dryRun) {
      // Forget lock entries of instances that are no longer in the pipeline.
      // (Results that changed were saved as they settled: a no-op writes nothing.)
      const gone = Object.keys(project.lock.instances).filter((id) => !project.plan.byId.has(id));
      for (const id of gone) delete project.lock.instances[id];
      if (gone.length) project.saveLock();
      await ex.publisher.removeGone(project.plan.byId);
      ex.publisher.save();
      fileHashes.save();
      // The store grows only when something ran: only then can it exceed the cap.
      if (!o.noGc && counts.ran) collectGarbage(project, { ...DEFAULT_GC, dryRun: false });
    }
    o.reporter.event({ type: 'summary', counts, seconds: (performance.now() - t0) / 1000, failed });
    return { counts, failed, lockPath: project.lockPath };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    pool?.close();
    held?.release();
  }
}

export const workerScriptPath = (distDir: string) => join(distDir, 'worker.mjs');
