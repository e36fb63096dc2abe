/** `repro status`, `repro why`, `repro dag`, `repro verify`: read-only views of the project. */
import type { Reporter, RunEvent } from '../events.ts';
import { Executor } from '../executor.ts';
import { initHash, short } from '../hash.ts';
import { describeReason, upstreamLine } from '../logging/words.ts';
import { UsageError } from '../errors.ts';
import { noSuchInstance, severalInstances } from '../logging/errors.ts';
import type { Plan } from '../plan.ts';
import { openProject, selectInstances, type OpenOptions, type Project } from '../project.ts';
import { ENGINE_VERSION } from '../version.ts';
import { FileHashes } from '../util/file-hashes.ts';

const silent: Reporter = { event() {}, close() {} };

/** Settle targets without running anything: fresh / would run, with reasons. */
async function dryRun(project: Project, targets: string[]): Promise<Executor> {
  const fileHashes = new FileHashes(project.store.state('files'));
  const ex = new Executor({
    project: { ...project, saveLock: () => {} },
    pool: undefined,
    reporter: silent,
    engineVersion: ENGINE_VERSION,
    fileHashes,
    dryRun: true,
  });
  await Promise.all(selectInstances(project.plan, targets).map((i) => ex.settle(i.id)));
  return ex;
}

export interface StatusRow {
  id: string;
  status: 'fresh' | 'stale' | 'missing' | 'failed';
  reasons: string[];
}

export async function statusCommand(o: OpenOptions & { targets: string[] }): Promise<StatusRow[]> {
  const project = await openProject(o);
  const ex = await dryRun(project, o.targets);
  return [...ex.settled.values()].map((s) => ({
    id: s.id,
    status: s.outcome === 'would-run' ? (project.lock.instances[s.id] ? 'stale' : 'missing') : s.outcome === 'failed' || s.outcome === 'skipped' ? 'failed' : 'fresh',
    reasons: 'error' in s ? [s.error] : s.reasons.flatMap(describeReason),
  }));
}

/** Every field that differs from the instance's last run, upstream included. */
export async function whyCommand(o: OpenOptions & { id: string }): Promise<string[]> {
  const project = await openProject(o);
  const inst = project.plan.byId.get(o.id) ?? (project.plan.byName.get(o.id)?.instances.length === 1 ? project.plan.byName.get(o.id)!.instances[0] : undefined);
  if (!inst) {
    const stage = project.plan.byName.get(o.id);
    throw new UsageError(stage ? severalInstances(o.id, stage.instances.length, stage.instances[0]?.id) : noSuchInstance(o.id));
  }
  const ex = await dryRun(project, [inst.id]);
  const s = ex.settled.get(inst.id)!;
  const last = project.lock.instances[inst.id];
  const lines: string[] = [];
  if (!last) return [`${inst.id}: never built`];
  if (s.outcome !== 'would-run') {
    const rec = project.store.records.read(inst.id, last.keyHash);
    return [`${inst.id}: fresh (matches its last run, key ${short(last.keyHash)}${rec ? `, finished ${rec.recorded.finishedAt}, ${rec.recorded.seconds.toFixed(1)} s` : ''})`];
  }
  lines.push(`${inst.id}: would run`);
  lines.push(...s.reasons.flatMap(describeReason).map((l) => `  ${l}`));
  // Upstream it read that did not change: say so, so the reader sees the whole picture.
  const changed = new Set(s.reasons.flatMap((r) => (r.type === 'upstream' ? r.changes.map((c) => c.id) : [])));
  for (const q of last.key.inputs) {
    for (const uid of Object.keys(q.matched)) {
      if (changed.has(uid)) continue;
      const u = ex.settled.get(uid);
      lines.push(`  ${upstreamLine(uid, u?.outcome === 'would-run' ? 'pending' : 'unchanged')}`);
    }
  }
  return lines;
}

export function dagText(plan: Plan, format: 'mermaid' | 'dot' | 'json'): string {
  const label = (s: Plan['stages'][number]) => (s.instances.length > 1 ? `${s.name} ×${s.instances.length}` : s.name);
  const node = (n: string) => n.replace(/[^\w]/g, '_');
  switch (format) {
    case 'json':
      return JSON.stringify(
        plan.stages.map((s) => ({ name: s.name, module: s.module, deps: s.deps, optionalDeps: s.optionalDeps, instances: s.instances.map((i) => i.id) })),
        null,
        2,
      );
    case 'dot':
      return [
        'digraph repro {',
        '  rankdir=LR;',
        ...plan.stages.map((s) => `  ${node(s.name)} [label="${label(s)}"];`),
        ...plan.stages.flatMap((s) => [
          ...s.deps.map((d) => `  ${node(d)} -> ${node(s.name)};`),
          ...s.optionalDeps.map((d) => `  ${node(d)} -> ${node(s.name)} [style=dashed];`),
        ]),
        '}',
      ].join('\n');
    case 'mermaid':
      return [
        'graph LR',
        ...plan.stages.map((s) => `  ${node(s.name)}["${label(s)}"]`),
        ...plan.stages.flatMap((s) => [...s.deps.map((d) => `  ${node(d)} --> ${node(s.name)}`), ...s.optionalDeps.map((d) => `  ${node(d)} -.-> ${node(s.name)}`)]),
      ].join('\n');
  }
}

/** Re-hash every object; corrupt ones are removed (their stages rerun next time). */
export async function verifyCommand(o: OpenOptions, onCorrupt: (hash: string) => void): Promise<{ checked: number; corrupt: number }> {
  const project = await openProject(o);
  await initHash();
  let checked = 0;
  let corrupt = 0;
  for (const obj of [...project.store.objects.list()]) {
    checked++;
    if (project.store.objects.verify(obj.hash) === 'corrupt') {
      corrupt++;
      onCorrupt(obj.hash);
    }
  }
  return { checked, corrupt };
}

export type { RunEvent };
