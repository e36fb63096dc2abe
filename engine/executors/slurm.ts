/**
 * `--executor slurm`: instances run as SLURM array tasks on a cluster that shares
 * the project directory (code bundles and the store are read in place; outputs
 * are staged in `cache/tmp/` and committed by the scheduler as for a local run).
 *
 * - Ready jobs that arrive together go out as one `sbatch --array` per resource
 *   shape, under one job name per run. Jobs expected to take under `packSeconds`
 *   (from recorded durations) are packed several to one array task.
 * - A job's completion file is the primary signal (checked twice a second). One
 *   `squeue --name` call per poll covers the whole run, backing off from 2 s to
 *   15 s; `sacct` (accounting) is never needed.
 * - A task that left the queue, or ended, without a job's completion file fails
 *   that job after a grace period, naming the SLURM state and the log; TIMEOUT and
 *   OUT_OF_MEMORY say so, and with `--retries N` are resubmitted with twice the
 *   time or memory. `close()` cancels everything of this run (`scancel --name`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Job } from '../worker-protocol.ts';
import { sbatchScript, type Batch, type Completion, type SiteSlurm } from './slurm-batch.ts';
import { DEFAULT_TIME_POLICY, resourcesFor, slurmTime, timeLimit, type TimePolicy } from './resources.ts';
import type { StageResources } from '../stage.ts';
import type { JobExecutor, JobHints, JobMessage, JobResult } from './types.ts';

const run = promisify(execFile);

export interface SlurmOptions {
  root: string;
  cacheDir: string;
  /** The compiled engine's directory (holds slurm-task.mjs). */
  distDir: string;
  /** Resubmissions after TIMEOUT or OUT_OF_MEMORY, each with twice the resource. */
  retries: number;
  /** Pass `--requeue` (a node failure puts the task back in the queue). */
  requeue: boolean;
  /** Instances the cluster should run at once (`-j`): the progress display, and packing never makes fewer tasks than this. */
  width: number;
  site: SiteSlurm & SlurmTuning;
}

export interface SlurmTuning {
  /** Jobs expected under this many seconds are packed (default 60). */
  packSeconds?: number;
  /** A pack holds at most this many seconds of expected work (default 120), and at most its share over `width`. */
  packTargetSeconds?: number;
  /** How long a job may lack its completion file after its task left the queue (default 20 s). */
  graceSeconds?: number;
  /** Default time limits (factor × recorded duration, minimum, never-ran default). */
  time?: Partial<TimePolicy>;
  /** squeue poll interval bounds in seconds (default 2 → 15). */
  pollSeconds?: [number, number];
  /** Per-stage resources for this site, over the stage's own (`{ "p1-gd": { "time": "30m" } }`). */
  resources?: Record<string, StageResources>;
}

interface Entry {
  job: Job;
  hints: JobHints;
  attempt: number;
  timeFactor: number;
  memFactor: number;
  done: string;
  onStart: () => void;
  onMessage: (m: JobMessage) => void;
  started: boolean;
  resolve: (r: JobResult) => void;
}

interface Task {
  key: string;
  entries: Entry[];
  timeSeconds: number;
  memMB: number | undefined;
  log: string;
  submittedAt: number;
  state?: string;
  reason?: string;
  seen: boolean;
  goneSince?: number;
}

const ACTIVE = new Set(['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESIZING', 'SUSPENDED', 'SIGNALING', 'STAGE_OUT', 'RESV_DEL_HOLD']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SlurmExecutor implements JobExecutor {
  readonly name = `repro-${randomBytes(4).toString('hex')}`;
  readonly width: number;
  readonly #dir: string;
  readonly #policy: TimePolicy;
  #pending: Entry[] = [];
  #tasks = new Map<string, Task>();
  #flushTimer: NodeJS.Timeout | undefined;
  #loop: Promise<void> | undefined;
  #batches = 0;
  #jobs = 0;
  #closed = false;
  #failed = false;
  #submitting = 0;
  #pollInterval: number;
  #nextPoll = 0;

  constructor(readonly o: SlurmOptions) {
    this.width = o.width;
    this.#dir = join(o.cacheDir, 'slurm', this.name);
    this.#policy = { ...DEFAULT_TIME_POLICY, ...o.site.time };
    this.#pollInterval = (o.site.pollSeconds?.[0] ?? 2) * 1000;
  }

  run(job: Job, onMessage: (m: JobMessage) => void, onStart: () => void, hints: JobHints): Promise<JobResult> {
    const stage = job.id.replace(/\[.*$/, '');
    const over = this.o.site.resources?.[stage];
    if (over) hints = { ...hints, resources: { ...hints.resources, ...resourcesFor({ name: `site config slurm.resources.${stage}`, resources: over, run() {} }, job.instance) } };
    return new Promise((resolve) => {
      const done = join(this.#dir, 'done', `${++this.#jobs}.json`);
      this.#pending.push({ job, hints, attempt: 0, timeFactor: 1, memFactor: 1, done, onStart, onMessage, started: false, resolve });
      this.#schedule();
    });
  }

  /** Jobs that become ready together (one upstream finishing) go out in one sbatch. */
  #schedule(): void {
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      void this.#flush();
    }, 100);
    this.#loop ??= this.#watch().finally(() => (this.#loop = undefined));
  }

  /** A pack's time limit: declared times as they are, plus a multiple of the others' recorded durations (at least the minimum). */
  #limit(pack: Entry[]): number {
    let declared = 0;
    let expected = 0;
    let derived = false;
    for (const e of pack) {
      const t = e.hints.resources?.timeSeconds;
      if (t !== undefined) declared += t * e.timeFactor;
      else {
        derived = true;
        expected += timeLimit(undefined, e.hints.expectedSeconds, { ...this.#policy, minSeconds: 0 }) * e.timeFactor;
      }
    }
    return declared + (derived ? Math.max(this.#policy.minSeconds, expected) : 0);
  }

  #mem(e: Entry): number | undefined {
    const base = e.hints.resources?.memMB;
    if (e.memFactor === 1) return base;
    return (base ?? 1000 * (e.hints.resources?.cpus ?? 1)) * e.memFactor;
  }

  /** Group by resource shape, pack short jobs, one array job per shape. */
  async #flush(): Promise<void> {
    const entries = this.#pending;
    this.#pending = [];
    if (!entries.length || this.#closed) return;
    const shapes = new Map<string, Entry[]>();
    for (const e of entries) {
      const k = `${e.hints.resources?.cpus ?? 1}|${this.#mem(e) ?? ''}|${e.timeFactor}`;
      (shapes.get(k) ?? shapes.set(k, []).get(k)!).push(e);
    }
    this.#submitting++;
    try {
      // One array per (cpus, memory, time limit): every task of an array gets the same limits.
      const arrays = new Map<string, Entry[][]>();
      for (const [shape, group] of shapes) {
        for (const pack of this.#pack(group)) {
          const k = `${shape}|${this.#limit(pack)}`;
          (arrays.get(k) ?? arrays.set(k, []).get(k)!).push(pack);
        }
      }
      await Promise.all([...arrays.values()].map((packs) => this.#submit(packs)));
    } finally {
      this.#submitting--;
    }
  }

  #pack(group: Entry[]): Entry[][] {
    const under = this.o.site.packSeconds ?? 60;
    const packs: Entry[][] = [];
    const short: Entry[] = [];
    for (const e of group) {
      if (e.hints.expectedSeconds !== undefined && e.hints.expectedSeconds < under && e.attempt === 0) short.push(e);
      else packs.push([e]);
    }
    // Longest first into the first pack with room (first-fit decreasing). A pack never holds
    // more than its share of the short work over `width` slots, so packing never leaves
    // slots idle that one task per instance would have used.
    short.sort((a, b) => b.hints.expectedSeconds! - a.hints.expectedSeconds!);
    const work = short.reduce((s, e) => s + e.hints.expectedSeconds!, 0);
    const target = Math.min(this.o.site.packTargetSeconds ?? 120, Math.max(short[0]?.hints.expectedSeconds ?? 0, work / Math.max(1, this.width)));
    const bins: { total: number; items: Entry[] }[] = [];
    for (const e of short) {
      const bin = bins.find((b) => b.total + e.hints.expectedSeconds! <= target);
      if (bin) {
        bin.total += e.hints.expectedSeconds!;
        bin.items.push(e);
      } else bins.push({ total: e.hints.expectedSeconds!, items: [e] });
    }
    return [...packs, ...bins.map((b) => b.items)];
  }

  async #submit(packs: Entry[][]): Promise<void> {
    const n = ++this.#batches;
    const logDir = join(this.#dir, 'log');
    mkdirSync(logDir, { recursive: true });
    mkdirSync(join(this.#dir, 'done'), { recursive: true });
    const times = packs.map((p) => this.#limit(p));
    const first = packs[0]![0]!;
    const batch: Batch = { packs: packs.map((p) => p.map((e) => ({ job: e.job, done: e.done }))) };
    const batchFile = join(this.#dir, `b${n}.json`);
    const script = join(this.#dir, `b${n}.sh`);
    writeFileSync(batchFile, JSON.stringify(batch));
    const timeSeconds = Math.max(...times);
    const memMB = this.#mem(first);
    writeFileSync(
      script,
      sbatchScript({
        name: this.name,
        count: packs.length,
        logDir,
        timeSeconds,
        cpus: first.hints.resources?.cpus ?? 1,
        memMB,
        requeue: this.o.requeue,
        root: this.o.root,
        node: this.o.site.node ?? process.execPath,
        taskScript: join(this.o.distDir, 'slurm-task.mjs'),
        batchFile,
        site: this.o.site,
      }),
    );
    let jobId: string;
    try {
      jobId = (await run('sbatch', ['--parsable', script])).stdout.trim().split(';')[0]!;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      const message = `sbatch failed: ${(err.stderr || err.message).trim().split('\n').pop()} (script: ${script})`;
      for (const e of packs.flat()) this.#finish(e, { type: 'failed', message });
      return;
    }
    this.#pollInterval = (this.o.site.pollSeconds?.[0] ?? 2) * 1000; // new work: look again soon
    this.#nextPoll = Math.min(this.#nextPoll, Date.now() + this.#pollInterval);
    packs.forEach((entries, i) => {
      const key = `${jobId}_${i}`;
      this.#tasks.set(key, { key, entries, timeSeconds, memMB, log: join(logDir, `${key}.out`), submittedAt: Date.now(), seen: false });
    });
  }

  #finish(e: Entry, r: JobResult): void {
    if (r.type === 'failed') this.#failed = true;
    e.resolve(r);
  }

  async #watch(): Promise<void> {
    while (!this.#closed && (this.#tasks.size || this.#pending.length || this.#flushTimer || this.#submitting)) {
      await sleep(500);
      this.#collect();
      if (Date.now() >= this.#nextPoll && this.#tasks.size) {
        await this.#poll();
        this.#pollInterval = Math.min(this.#pollInterval * 1.5, (this.o.site.pollSeconds?.[1] ?? 15) * 1000);
        this.#nextPoll = Date.now() + this.#pollInterval;
      }
      this.#judge();
    }
  }

  /** Completion files: the primary signal. */
  #collect(): void {
    for (const [key, t] of this.#tasks) {
      t.entries = t.entries.filter((e) => {
        if (!existsSync(e.done)) return true;
        let r: Completion;
        try {
          r = JSON.parse(readFileSync(e.done, 'utf8')) as Completion;
        } catch {
          return true; // not there in full yet (it is renamed into place, but be safe on odd filesystems)
        }
        if (!e.started) this.#start(e);
        rmSync(e.done, { force: true });
        this.#finish(e, r);
        return false;
      });
      if (!t.entries.length) this.#tasks.delete(key);
    }
  }

  #start(e: Entry): void {
    e.started = true;
    e.onStart();
  }

  /** One squeue call for the whole run. */
  async #poll(): Promise<void> {
    let out: string;
    try {
      out = (await run('squeue', ['-h', '-r', '-t', 'all', `--name=${this.name}`, '-o', '%i|%T|%r'])).stdout;
    } catch {
      return; // a busy controller: try again next time, the completion files still count
    }
    const states = new Map<string, [string, string]>();
    for (const line of out.split('\n')) {
      const [id, state, reason] = line.trim().split('|');
      if (!id || !state) continue;
      for (const k of expandArrayId(id)) states.set(k, [state, reason ?? '']);
    }
    for (const t of this.#tasks.values()) {
      const s = states.get(t.key);
      if (s) {
        t.seen = true;
        [t.state, t.reason] = s;
        if (t.state === 'RUNNING') for (const e of t.entries) if (!e.started) this.#start(e);
      } else if (t.seen) t.state = undefined; // left the queue (MinJobAge passed)
    }
  }

  /** Tasks that ended, or left the queue, without a job's completion file. */
  #judge(): void {
    const grace = (this.o.site.graceSeconds ?? 20) * 1000;
    const now = Date.now();
    for (const [key, t] of this.#tasks) {
      const gone = t.state ? !ACTIVE.has(t.state) : t.seen || now - t.submittedAt > 60_000;
      if (!gone) {
        t.goneSince = undefined;
        continue;
      }
      t.goneSince ??= now;
      if (now - t.goneSince < grace) continue;
      this.#tasks.delete(key);
      for (const e of t.entries) this.#failTask(e, t);
    }
  }

  #failTask(e: Entry, t: Task): void {
    const state = t.state ?? 'unknown (left the queue)';
    const retry = e.attempt < this.o.retries;
    if (state === 'TIMEOUT' || state === 'OUT_OF_MEMORY') {
      const what = state === 'TIMEOUT' ? `its time limit of ${slurmTime(t.timeSeconds)}` : `its memory limit${t.memMB ? ` of ${t.memMB} MB` : ''}`;
      const field = state === 'TIMEOUT' ? 'resources.time' : 'resources.memMB';
      if (retry) {
        e.onMessage({ type: 'log', message: `SLURM task ${t.key} exceeded ${what} (${state}); resubmitting with twice the ${state === 'TIMEOUT' ? 'time' : 'memory'} (retry ${e.attempt + 1} of ${this.o.retries})` });
        this.#pending.push({ ...e, attempt: e.attempt + 1, timeFactor: e.timeFactor * (state === 'TIMEOUT' ? 2 : 1), memFactor: e.memFactor * (state === 'OUT_OF_MEMORY' ? 2 : 1) });
        this.#schedule();
        return;
      }
      this.#finish(e, { type: 'failed', message: `${e.job.id} exceeded ${what} on SLURM (${state}, task ${t.key}); raise ${field} or pass --retries 1 to retry with twice as much; log: ${t.log}` });
      return;
    }
    const why = t.reason && t.reason !== 'None' ? `, reason ${t.reason}` : '';
    this.#finish(e, { type: 'failed', message: `SLURM task ${t.key} ended ${state}${why} before ${e.job.id} finished (no completion file after ${this.o.site.graceSeconds ?? 20} s); log: ${t.log}` });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    if (this.#batches) spawnSync('scancel', [`--name=${this.name}`], { stdio: 'ignore', timeout: 10_000 });
    for (const t of this.#tasks.values()) for (const e of t.entries) e.resolve({ type: 'failed', message: `cancelled (scancel of SLURM job ${t.key})` });
    for (const e of this.#pending) e.resolve({ type: 'failed', message: 'cancelled before submission' });
    // Logs stay when something failed: messages point at them.
    if (!this.#failed && !this.#tasks.size) rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** `123_4` → [123_4]; `123_[0-3,7]` (a pending array squeue did not split) → 123_0 … 123_3, 123_7. */
export function expandArrayId(id: string): string[] {
  const m = /^(\d+)_\[([^\]]+)\]$/.exec(id);
  if (!m) return [id];
  const out: string[] = [];
  for (const part of m[2]!.split('%')[0]!.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.push(`${m[1]}_${i}`);
  }
  return out;
}
