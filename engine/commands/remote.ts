/**
 * `repro push [targets]`: upload the current results of the targets to the remote cache
 * (objects the remote lacks first, each run record last). `repro pull` is `repro run`
 * restoring from the remote and running nothing (engine/commands/run.ts, restoreOnly).
 */
import type { Reporter } from '../events.ts';
import { loadSite } from '../executors/site.ts';
import { acquireLock } from '../project-lock.ts';
import { openProject, selectInstances, type OpenOptions } from '../project.ts';
import { RemoteCache } from '../remote/cache.ts';
import { openRemote } from '../remote/open.ts';
import type { Store } from '../store/store.ts';

export function openRemoteCache(store: Store, reporter: Reporter): RemoteCache {
  return new RemoteCache(openRemote(loadSite().remote), store, (id, message) => reporter.event({ type: 'log', id, message }));
}

export interface PushSummary {
  where: string;
  records: number;
  already: number;
  objects: number;
  bytes: number;
  /** Instances without a current result (never run, or their record was GC'd). */
  missing: string[];
}

export async function pushCommand(o: OpenOptions & { targets: string[]; reporter: Reporter; onPushed?: (id: string, objects: number) => void }): Promise<PushSummary> {
  const project = await openProject(o);
  const selected = selectInstances(project.plan, o.targets);
  const remote = openRemoteCache(project.store, o.reporter);
  // Reading only, but a concurrent run could GC an object between our listing and reading it.
  const held = await acquireLock(project.store.dir, 'repro push', (owner) => o.reporter.event({ type: 'waiting-for-lock', owner }));
  const s: PushSummary = { where: remote.backend.where, records: 0, already: 0, objects: 0, bytes: 0, missing: [] };
  try {
    for (const inst of selected) {
      const entry = project.lock.instances[inst.id];
      const record = entry && project.store.records.read(inst.id, entry.keyHash);
      if (!record || !Object.values(record.outputs).every((h) => project.store.objects.has(h))) {
        s.missing.push(inst.id);
        continue;
      }
      const r = await remote.push(record);
      if (r.record) s.records++;
      else s.already++;
      s.objects += r.objects;
      s.bytes += r.bytes;
      if (r.record) o.onPushed?.(inst.id, r.objects);
    }
  } finally {
    held.release();
  }
  return s;
}
