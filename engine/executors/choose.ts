/**
 * `--executor local|slurm`: build the executor a run uses. The scheduler sees only
 * the `JobExecutor` interface.
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { LocalExecutor } from './local.ts';
import { loadSite, sitePath } from './site.ts';
import { SlurmExecutor } from './slurm.ts';
import type { JobExecutor } from './types.ts';

export type ExecutorKind = 'local' | 'slurm';
export const EXECUTORS: readonly ExecutorKind[] = ['local', 'slurm'];

export interface ExecutorChoice {
  kind: ExecutorKind;
  jobs: number;
  workerScript: string;
  root: string;
  cacheDir: string;
  retries: number;
  requeue: boolean;
}

export class ExecutorError extends Error {}

export function makeExecutor(c: ExecutorChoice): JobExecutor {
  if (c.kind === 'local') return new LocalExecutor(c.jobs, c.workerScript, c.root);
  if (spawnSync('sbatch', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new ExecutorError(`--executor slurm: 'sbatch' is not on PATH (or fails); run repro on a SLURM login node`);
  }
  const site = loadSite();
  if (process.env.REPRO_DEBUG) process.stderr.write(`[repro] site config ${sitePath()}: ${JSON.stringify(site.slurm ?? {})}\n`);
  return new SlurmExecutor({
    root: c.root,
    cacheDir: c.cacheDir,
    distDir: dirname(c.workerScript),
    retries: c.retries,
    requeue: c.requeue,
    width: c.jobs,
    site: site.slurm ?? {},
  });
}
