/**
 * A pool of worker processes (`-j N`). Each runs one instance at a time; a
 * worker that dies mid-job fails that job only, and is replaced on demand.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { FromWorker, Job } from './worker-protocol.ts';

export type JobResult = Extract<FromWorker, { type: 'done' }> | { type: 'failed'; message: string; stack?: string };

interface Slot {
  child: ChildProcess;
  busy: boolean;
}

export class WorkerPool {
  #slots: Slot[] = [];
  /** Jobs waiting for a worker; the one expected to take longest goes first (shortens the tail of a run). */
  #waiting: { priority: number; resolve: (slot: Slot) => void }[] = [];

  constructor(
    readonly size: number,
    readonly workerScript: string,
    readonly cwd: string,
  ) {}

  #spawn(): Slot {
    const child = fork(this.workerScript, [], {
      cwd: this.cwd,
      execArgv: ['--enable-source-maps'],
      // CPUs this worker may use (like OMP_NUM_THREADS): numeric libraries size their thread pools by it.
      env: { ...process.env, REPRO_CPUS: String(Math.max(1, Math.floor(availableParallelism() / this.size))) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      // Its own process group, so that ending the worker ends what its stage started (ctx.$).
      detached: true,
    });
    const slot: Slot = { child, busy: false };
    child.on('exit', () => {
      this.#slots = this.#slots.filter((s) => s !== slot);
    });
    this.#slots.push(slot);
    return slot;
  }

  /** A slot marked busy before anyone else can see it (no await between check and claim). */
  #acquire(priority: number): Promise<Slot> {
    const slot = this.#slots.find((s) => !s.busy && s.child.connected) ?? (this.#slots.length < this.size ? this.#spawn() : undefined);
    if (slot) {
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => {
      const at = this.#waiting.findIndex((w) => w.priority < priority);
      this.#waiting.splice(at < 0 ? this.#waiting.length : at, 0, { priority, resolve });
    });
  }

  #release(slot: Slot): void {
    slot.busy = false;
    const next = this.#waiting.shift()?.resolve;
    if (!next) return;
    const s = slot.child.connected ? slot : this.#spawn();
    s.busy = true;
    next(s);
  }

  /**
   * Run a job; `onStart` fires when a worker takes it (after waiting for a free one).
   * `priority` (e.g. its previous duration in seconds) orders waiting jobs, highest first.
   */
  async run(
    job: Job,
    onMessage: (m: Extract<FromWorker, { type: 'progress' | 'log' }>) => void,
    onStart: () => void = () => {},
    priority = 0,
  ): Promise<JobResult> {
    const slot = await this.#acquire(priority);
    onStart();
    try {
      return await new Promise<JobResult>((resolve) => {
        const onMsg = (m: FromWorker) => {
          if (m.type === 'progress' || m.type === 'log') onMessage(m);
          else finish(m);
        };
        const onExit = (code: number | null, signal: string | null) =>
          finish({ type: 'failed', message: `worker process exited (${signal ?? `code ${code}`}) while running ${job.id}` });
        const finish = (r: JobResult) => {
          slot.child.off('message', onMsg);
          slot.child.off('exit', onExit);
          resolve(r);
        };
        slot.child.on('message', onMsg);
        slot.child.on('exit', onExit);
        slot.child.send({ type: 'run', job });
      });
    } finally {
      this.#release(slot);
    }
  }

  /** End every worker and everything it started (its whole process group). */
  close(): void {
    for (const s of this.#slots) endGroup(s.child);
    this.#slots = [];
  }
}

function endGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    child.kill(); // the group is gone (or was never made): end the worker alone
  }
}
