/**
 * The local executor (the default): the worker pool of `-j N` processes on this machine.
 */
import { WorkerPool } from '../worker-pool.ts';
import type { JobExecutor, JobHints, JobMessage, JobResult } from './types.ts';
import type { Job } from '../worker-protocol.ts';

export class LocalExecutor implements JobExecutor {
  readonly #pool: WorkerPool;
  constructor(
    readonly width: number,
    workerScript: string,
    cwd: string,
  ) {
    this.#pool = new WorkerPool(width, workerScript, cwd);
  }

  run(job: Job, onMessage: (m: JobMessage) => void, onStart: () => void, hints: JobHints): Promise<JobResult> {
    // Longest expected first; never-run instances go before instances known to be short.
    return this.#pool.run(job, onMessage, onStart, hints.expectedSeconds ?? Number.MAX_SAFE_INTEGER);
  }

  close(): void {
    this.#pool.close();
  }
}
