/**
 * What the scheduler hands a SLURM array job, and what each job hands back: the batch
 * file (one pack of jobs per array index), the sbatch script, and completion files.
 */
import type { Job } from '../worker-protocol.ts';
import { slurmTime } from './resources.ts';
import type { JobResult } from './types.ts';

export interface Batch {
  /** packs[i] runs in array task i, one job after another. */
  packs: { job: Job; done: string }[][];
}

/** A completion file: the job's result, with where it ran. */
export type Completion = JobResult;

export interface SiteSlurm {
  partition?: string;
  account?: string;
  qos?: string;
  /** More `sbatch` flags, e.g. ["--constraint=avx2"]. */
  sbatchFlags?: string[];
  /** Shell lines run before the task, e.g. ["module load nodejs/20"]. */
  setup?: string[];
  /** The node binary on the nodes (default: the one running repro). */
  node?: string;
}

export interface ScriptSpec {
  name: string;
  count: number;
  logDir: string;
  timeSeconds: number;
  cpus: number;
  memMB: number | undefined;
  requeue: boolean;
  root: string;
  node: string;
  taskScript: string;
  batchFile: string;
  site: SiteSlurm;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function sbatchScript(s: ScriptSpec): string {
  const flags = [
    `--job-name=${s.name}`,
    `--array=0-${s.count - 1}`,
    `--output=${s.logDir}/%A_%a.out`,
    `--chdir=${s.root}`,
    `--time=${slurmTime(s.timeSeconds)}`,
    `--cpus-per-task=${s.cpus}`,
    ...(s.memMB ? [`--mem=${s.memMB}M`] : []),
    s.requeue ? '--requeue' : '--no-requeue',
    ...(s.site.partition ? [`--partition=${s.site.partition}`] : []),
    ...(s.site.account ? [`--account=${s.site.account}`] : []),
    ...(s.site.qos ? [`--qos=${s.site.qos}`] : []),
    ...(s.site.sbatchFlags ?? []),
  ];
  return [
    '#!/bin/bash',
    ...flags.map((f) => `#SBATCH ${f}`),
    'set -e',
    ...(s.site.setup ?? []),
    `export REPRO_CPUS=${s.cpus}`,
    `exec ${q(s.node)} --enable-source-maps ${q(s.taskScript)} ${q(s.batchFile)}`,
    '',
  ].join('\n');
}
