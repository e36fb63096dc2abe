/**
 * Opening a project: its root, cache, effective params, code hasher and plan.
 * Shared by every command, so each sees the same state the same way.
 */
import { join, resolve } from 'node:path';
import { CodeHasher } from './code-hash.ts';
import { loadParams, type ParamsRequest } from './params.ts';
import { loadPlan, PlanError, type Plan, type PlannedInstance } from './plan.ts';
import { readLock, writeLock, type LockFile } from './record.ts';
import type { Json } from './stage.ts';
import { Store } from './store/store.ts';
import { STORE_FORMAT } from './version.ts';

export interface Project {
  root: string;
  store: Store;
  params: { [key: string]: Json };
  /** The profile applied (none: undefined). */
  profile: string | undefined;
  plan: Plan;
  lockPath: string;
  lock: LockFile;
  saveLock(): void;
}

export interface OpenOptions extends Omit<ParamsRequest, 'root'> {
  root: string;
  /** @default `<root>/cache` */
  cacheDir?: string;
  /** @default `<root>/repro.lock.json`, or `<root>/repro.<profile>.lock.json` for a profile other than the default */
  lockPath?: string;
}

/**
 * One lock file per profile: a smoke run (`--profile quick`) never rewrites the lock of the
 * project's default profile, whose diff is meant to show which inputs of the real run moved.
 */
export function lockFileName(profile: { name: string | undefined; isDefault: boolean }): string {
  return profile.name === undefined || profile.isDefault ? 'repro.lock.json' : `repro.${profile.name}.lock.json`;
}

export async function openProject(o: OpenOptions): Promise<Project> {
  const store = new Store(resolve(o.root, o.cacheDir ?? 'cache'));
  const { params, hash, profile } = loadParams({ root: o.root, profile: o.profile, files: o.files, sets: o.sets }, store.state('params'));
  const hasher = new CodeHasher(o.root, store.buildDir, STORE_FORMAT, store.state('code'));
  const plan = await loadPlan(o.root, hasher, params, hash, store.state('plan'));
  hasher.save();
  const lockPath = o.lockPath ?? join(o.root, lockFileName(profile));
  const lock = readLock(lockPath);
  return { root: o.root, store, params, profile: profile.name, plan, lockPath, lock, saveLock: () => writeLock(lockPath, lock) };
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
