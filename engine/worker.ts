/**
 * A worker process: runs stage instances sent by the scheduler, one at a time,
 * and reports progress, logs and what the stage read. Numeric stages run here,
 * so they never block the scheduler; a worker is reused across instances so
 * heavy libraries (tfjs) load once per worker.
 */
import { CpuShare } from './context.ts';
import { setProjectRoot } from './module-location.ts';
import { runJob } from './run-job.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

// A worker whose scheduler died (kill -9 of it alone, the OOM killer) stops at once instead of
// finishing a job nobody will commit: on IPC disconnect (seen by awaiting stages), and on the
// next progress message of a synchronous loop (which never yields to see the disconnect, but
// can see that it was re-parented).
// Leaving takes the worker's process group along (it leads one: see worker-pool.ts), so
// commands a stage started through ctx.$ do not outlive it.
const parent = process.ppid;
const leave = (): never => {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    // not a group leader: nothing else to end
  }
  process.exit(1);
};
process.on('disconnect', leave);
const send = (m: FromWorker) => {
  if (!process.connected || process.ppid !== parent) leave();
  process.send?.(m);
};

// This worker's share of the cores: set by each 'run', updated by 'cpus' messages while it runs.
let cpus = new CpuShare(1);

// Bundled modules resolve `import.meta.url` against the project root: the worker's cwd.
setProjectRoot(process.cwd());

process.on('message', (m: ToWorker) => {
  if (m.type === 'cpus') return cpus.set(m.cpus);
  cpus = new CpuShare(m.cpus);
  runJob(m.job, send, cpus).then(send).catch((e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    send({ type: 'failed', message: err.message, stack: err.stack });
  });
});
