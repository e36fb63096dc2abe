/**
 * Opening a project: its root, cache, effective params, code hasher and plan.
 * Shared by every command, so each sees the same state the same way.
 */
import { join } from 'node:path';
import { CodeHasher } from './code-hash.ts';
import { loadParams, type ParamsRequest } from './params.ts';
import { loadPlan, PlanError, type Plan, type PlannedInstance } from './plan.ts';
import { readLock, writeLock, type LockFile } from './record.ts';
import type { Json } from './stage.ts';
import { Store } from './store/store.ts';
import { ENGINE_VERSION } from './version.ts';

export interface Project {
  root: string;
  store: Store;
  params: { [key: string]: Json };
  plan: Plan;
  lockPath: string;
  lock: LockFile;
  saveLock(): void;
}

export interface OpenOptions extends Omit<ParamsRequest, 'root'> {
  root: string;
  /** @default `<root>/cache` */
  cacheDir?: string;
  /** @default `<root>/repro.lock.json` */
  lockPath?: string;
}

export async function openProject(o: OpenOptions): Promise<Project> {
  const store = new Store(o.cacheDir ?? join(o.root, 'cache'));
  const { params, hash } = loadParams({ root: o.root, profile: o.profile, files: o.files, sets: o.sets }, store.state('params'));
  const hasher = new CodeHasher(o.root, 'cache/build', ENGINE_VERSION, store.state('code'));
  const plan = await loadPlan(o.root, hasher, params, hash, store.state('plan'));
  hasher.save();
  const lockPath = o.lockPath ?? join(o.root, 'repro.lock.json');
  const lock = readLock(lockPath);
  return { root: o.root, store, params, plan, lockPath, lock, saveLock: () => writeLock(lockPath, lock) };
}

/**
 * Resolve targets (stage names or instance ids) to instances; none = every instance.
 * Unknown names are errors that list what exists.
 */
export function selectInstances(plan: Plan, targets: string[]): PlannedInstance[] {
  if (!targets.length) return plan.stages.flatMap((s) => s.instances);
  return targets.flatMap((t) => {
    const stage = plan.byName.get(t);
    if (stage) return stage.instances;
    const inst = plan.byId.get(t);
    if (inst) return [inst];
    const near = [...plan.byName.keys()].filter((n) => n.includes(t) || t.includes(n)).slice(0, 5);
    throw new PlanError(`no stage or instance named '${t}'${near.length ? ` (did you mean: ${near.join(', ')}?)` : ''}; see \`repro dag\``);
  });
}
