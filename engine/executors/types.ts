/**
 * The executor interface: where a stage instance runs. The scheduler
 * (engine/executor.ts) decides readiness from repro's own DAG, stages inputs and
 * commits outputs; an executor only runs one job in its staging dir and says how
 * it ended. The local worker pool (`-j N`, the default) and SLURM
 * (`--executor slurm`) are two implementations; neither is special-cased.
 */
import type { FromWorker, Job } from '../worker-protocol.ts';

/** What a job may use, per instance (`StageDef.resources`); not part of the cache key. */
export interface Resources {
  /** CPUs (default 1). */
  cpus?: number;
  /** Memory in MB (default: the executor's). */
  memMB?: number;
  /** Wall-time limit in seconds (default: a multiple of the recorded duration). */
  timeSeconds?: number;
}

/** Where and how a job ran: recorded as provenance, never in the key. */
export interface NodeFacts {
  host: string;
  /** `${process.platform}-${process.arch}` of the process that ran the stage. */
  platform: string;
  /** Node version there. */
  node: string;
  /** Seconds the stage ran, measured on that node (no queue wait). */
  seconds: number;
}

export type JobMessage = Extract<FromWorker, { type: 'progress' | 'log' }>;
export type JobDone = Extract<FromWorker, { type: 'done' }> & { node?: NodeFacts };
export type JobResult = JobDone | { type: 'failed'; message: string; stack?: string };

export interface JobHints {
  /** Seconds the instance took last time (undefined: never ran). Orders and packs jobs. */
  expectedSeconds: number | undefined;
  resources: Resources | undefined;
}

export interface JobExecutor {
  /** Slots that run at once, for the progress display (a cluster reports its submit width). */
  readonly width: number;
  /**
   * Run a job. `onStart` fires when it starts (after waiting for a worker or in a queue);
   * messages stream while it runs when the executor can carry them.
   */
  run(job: Job, onMessage: (m: JobMessage) => void, onStart: () => void, hints: JobHints): Promise<JobResult>;
  /** Stop everything this executor started (synchronous: it also runs on SIGINT/SIGTERM). */
  close(): void;
}
