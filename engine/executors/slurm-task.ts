/**
 * One SLURM array task: `node slurm-task.mjs <batch.json>`. Runs the pack of jobs
 * at index $SLURM_ARRAY_TASK_ID, one after another, in this process. Each job
 * writes its outputs into its staging dir in the shared cache, then its own
 * completion file (atomically): the scheduler's primary signal. Idempotent under
 * `--requeue`: a job whose completion file exists is skipped, and a staging dir
 * is emptied before its job starts.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { CpuShare } from '../context.ts';
import { setProjectRoot } from '../module-location.ts';
import { runJob } from '../run-job.ts';
import type { Batch, Completion } from './slurm-batch.ts';

// Bundled modules resolve `import.meta.url` against the project root: the task's cwd (sbatch --chdir).
setProjectRoot(process.cwd());
const [batchFile] = process.argv.slice(2);
const index = Number(process.env.SLURM_ARRAY_TASK_ID ?? 0);
const batch = JSON.parse(readFileSync(batchFile!, 'utf8')) as Batch;
const pack = batch.packs[index] ?? [];

for (const { job, done } of pack) {
  if (existsSync(done)) continue; // a requeued task: this one finished before the node went away
  rmSync(job.dir, { recursive: true, force: true });
  mkdirSync(job.dir, { recursive: true });
  const t0 = performance.now();
  let result: Completion;
  try {
    // The task's allocation: --cpus-per-task, as SLURM tells it.
    const cpus = new CpuShare(Number(process.env.SLURM_CPUS_PER_TASK ?? process.env.REPRO_CPUS ?? 1));
    const r = await runJob(job, (m) => {
      if (m.type === 'log') console.log(`[${job.id}] ${m.message}`);
    }, cpus);
    result = { ...r, node: { host: hostname(), platform: `${process.platform}-${process.arch}`, node: process.version, seconds: (performance.now() - t0) / 1000 } };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(`[${job.id}] failed: ${err.stack ?? err.message}`);
    result = { type: 'failed', message: err.message, stack: err.stack };
  }
  writeFileSync(`${done}.tmp`, JSON.stringify(result));
  renameSync(`${done}.tmp`, done);
}
// Stages may leave handles open (tfjs thread pools): the pack is done, so is the task.
process.exit(0);
