/**
 * Running one job in this process: import the stage bundle, build its context,
 * run it, and report what it read. Shared by the local worker (engine/worker.ts)
 * and the cluster task (engine/executors/slurm-task.ts).
 */
import { pathToFileURL } from 'node:url';
import { createContext, upstreamFrom, type CpuShare } from './context.ts';
import type { StageDef, Upstream } from './stage.ts';
import type { FromWorker, Job } from './worker-protocol.ts';

export async function runJob(job: Job, send: (m: FromWorker) => void, cpus: CpuShare): Promise<Extract<FromWorker, { type: 'done' }>> {
  const mod = (await import(pathToFileURL(job.bundle).href)) as { default: StageDef };
  const def = mod.default;
  const upstream = new Map<string, Upstream[]>(
    Object.entries(job.upstream).map(([stage, refs]) => [stage, refs.map((r) => upstreamFrom(r.id, r.instance, r.files, r.provenance))]),
  );
  let last = 0;
  const rec = createContext({
    def,
    id: job.id,
    instance: job.instance,
    params: job.params,
    seed: job.seed,
    dir: job.dir,
    upstream,
    onProgress: (fraction, note) => {
      const now = Date.now();
      // At most 10 messages a second: progress is for people, not a log.
      if (now - last >= 100 || fraction >= 1) {
        last = now;
        send({ type: 'progress', fraction, note });
      }
    },
    onLog: (message) => send({ type: 'log', message }),
    cpus,
  });
  await def.run(rec.ctx);
  return { type: 'done', paramReads: [...rec.paramReads], inputReads: rec.inputReads, facts: rec.facts };
}
