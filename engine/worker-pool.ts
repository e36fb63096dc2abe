/**
 * A pool of worker processes (`-j N`). Each runs one instance at a time; a
 * worker that dies mid-job fails that job only, and is replaced on demand.
 *
 * Cores are shared out: a job starts with its worker's share ⌊cpus/N⌋ (`ctx.cpus`), and when
 * fewer jobs run than there are workers and none is waiting, the running ones are told their
 * larger share (a 'cpus' message; `ctx.onCpusChange`), so the last long instance of a run gets
 * the cores the finished ones freed. A new job takes them back.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { FromWorker, Job, ToWorker } from './worker-protocol.ts';

export type JobResult = Extract<FromWorker, { type: 'done' }> | { type: 'failed'; message: string; stack?: string };

interface Slot {
  child: ChildProcess;
  busy: boolean;
  /** CPUs the job on this slot was last told it may use. */
  cpus: number;
}

export class WorkerPool {
  #slots: Slot[] = [];
  /** Jobs waiting for a worker; the one expected to take longest goes first (shortens the tail of a run). */
  #waiting: { priority: number; resolve: (slot: Slot) => void }[] = [];

  constructor(
    readonly size: number,
    readonly workerScript: string,
    readonly cwd: string,
    /** Cores to share among the workers. */
    readonly cpus: number = availableParallelism(),
  ) {}

  /** The share each worker gets while all are busy. */
  get baseShare(): number {
    return Math.max(1, Math.floor(this.cpus / this.size));
  }

  /** Share the cores among the busy slots and tell each running job whose share changed (`except` is about to start). */
  #reshare(except?: Slot): void {
    // Slots that took a job but have not started it yet (cpus 0) count as busy but get no message.
    const busy = this.#slots.filter((s) => s.busy);
    const started = busy.filter((s) => s.cpus > 0);
    const spread = this.#waiting.length === 0 && busy.length < this.size;
    started.forEach((s, i) => {
      const share = spread ? Math.floor(this.cpus / started.length) + (i < this.cpus % started.length ? 1 : 0) : this.baseShare;
      const cpus = Math.max(1, share);
      if (cpus === s.cpus) return;
      s.cpus = cpus;
      if (s !== except && s.child.connected) s.child.send({ type: 'cpus', cpus } satisfies ToWorker);
    });
  }

  #spawn(): Slot {
    const child = fork(this.workerScript, [], {
      cwd: this.cwd,
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      // Its own process group, so that ending the worker ends what its stage started (ctx.$).
      detached: true,
    });
    const slot: Slot = { child, busy: false, cpus: 0 };
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
    slot.cpus = 0;
    const next = this.#waiting.shift()?.resolve;
    if (!next) return this.#reshare();
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
        slot.cpus = this.baseShare;
        this.#reshare(slot);
        slot.child.send({ type: 'run', job, cpus: slot.cpus } satisfies ToWorker);
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
