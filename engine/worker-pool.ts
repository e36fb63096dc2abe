/**
 * A pool of worker processes (`-j N`). Each runs one instance at a time; a
 * worker that dies mid-job fails that job only, and is replaced on demand.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { FromWorker, Job } from './worker-protocol.ts';

export type JobResult = Extract<FromWorker, { type: 'done' }> | { type: 'failed'; message: string; stack?: string };

interface Slot {
  child: ChildProcess;
  busy: boolean;
}

export class WorkerPool {
  #slots: Slot[] = [];
  #waiting: ((slot: Slot) => void)[] = [];

  constructor(
    readonly size: number,
    readonly workerScript: string,
    readonly cwd: string,
  ) {}

  #spawn(): Slot {
    const child = fork(this.workerScript, [], {
      cwd: this.cwd,
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, busy: false };
    child.on('exit', () => {
      this.#slots = this.#slots.filter((s) => s !== slot);
    });
    this.#slots.push(slot);
    return slot;
  }

  async #acquire(): Promise<Slot> {
    const idle = this.#slots.find((s) => !s.busy && s.child.connected);
    if (idle) return idle;
    if (this.#slots.length < this.size) return this.#spawn();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(slot: Slot): void {
    slot.busy = false;
    const next = this.#waiting.shift();
    if (next) next(slot.child.connected ? slot : this.#spawn());
  }

  async run(job: Job, onMessage: (m: Extract<FromWorker, { type: 'progress' | 'log' }>) => void): Promise<JobResult> {
    const slot = await this.#acquire();
    slot.busy = true;
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

  close(): void {
    for (const s of this.#slots) s.child.kill();
    this.#slots = [];
  }
}
