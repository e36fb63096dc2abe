/**
 * Planning: from pipeline.ts and the params to the list of stage instances,
 * checked (unique names, known deps, no cycles) and in dependency order.
 *
 * Stage modules are imported only when the plan cannot be reused: the cached
 * plan is valid while the pipeline's and every stage's code hash and the params
 * are unchanged (the grid is a function of exactly those).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeHasher, CodeInfo } from './code-hash.ts';
import { setProjectRoot } from './module-location.ts';
import { UsageError } from './errors.ts';
import { canonicalJson, fingerprint as fp } from './hash.ts';
import type { PipelineDef } from './pipeline.ts';
import type { InstanceParams, Json, Params, StageDef } from './stage.ts';
import type { StateFile } from './util/state-file.ts';
import { resourcesFor } from './executors/resources.ts';
import type { Resources } from './executors/types.ts';

export interface PlannedInstance {
  id: string;
  stage: string;
  instance: InstanceParams;
  /** `StageDef.resources` for this grid point (used by cluster executors; not in the key). */
  resources?: Resources;
}

export interface PlannedStage {
  name: string;
  module: string;
  description: string;
  deps: string[];
  optionalDeps: string[];
  files: string[];
  publish: string | undefined;
  code: CodeInfo;
  instances: PlannedInstance[];
}

export interface Plan {
  /** The code of pipeline.ts itself. */
  pipeline: CodeInfo;
  /** Stages in dependency order. */
  stages: PlannedStage[];
  byName: Map<string, PlannedStage>;
  byId: Map<string, PlannedInstance>;
}

/** A broken pipeline definition: a usage error (one line, exit 2). */
export class PlanError extends UsageError {
  override name = 'PlanError';
}

/** The instances and everything upstream of them (what a run of them settles). */
export function withUpstream(plan: Pick<Plan, 'byName' | 'byId'>, instances: readonly PlannedInstance[]): Set<string> {
  const out = new Set<string>();
  const visit = (i: PlannedInstance) => {
    if (out.has(i.id)) return;
    out.add(i.id);
    const s = plan.byName.get(i.stage)!;
    for (const d of [...s.deps, ...s.optionalDeps]) for (const u of plan.byName.get(d)?.instances ?? []) visit(u);
  };
  instances.forEach(visit);
  return out;
}

export function instanceId(stage: string, instance: InstanceParams): string {
  const parts = Object.entries(instance).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${stage}[${parts.join(',')}]` : stage;
}

interface CachedPlan {
  fingerprint: string;
  stages: Omit<PlannedStage, 'code'>[];
}

export async function importBundle<T>(root: string, code: CodeInfo): Promise<T> {
  setProjectRoot(root);
  const mod = (await import(pathToFileURL(resolve(root, code.bundle)).href)) as { default?: T };
  return mod.default as T;
}

export async function loadPlan(
  root: string,
  hasher: CodeHasher,
  params: Json,
  paramsHash: string,
  state: StateFile<CachedPlan>,
): Promise<Plan> {
  const pipelineCode = await hasher.hash('pipeline.ts');
  const cached = state.read();
  let modules: string[] | undefined = cached?.stages.map((s) => s.module);
  const pipelineChanged = !cached || !cached.fingerprint.startsWith(`${pipelineCode.hash}:`);
  if (pipelineChanged) {
    const def = await importBundle<PipelineDef>(root, pipelineCode);
    if (!def || !Array.isArray(def.stages)) throw new PlanError('pipeline.ts must `export default definePipeline({ stages: [...] })`');
    modules = [...def.stages];
  }
  const codes = await Promise.all(modules!.map((m) => hasher.hash(m)));
  const fingerprint = `${pipelineCode.hash}:${fp(canonicalJson([codes.map((c) => c.hash), paramsHash]))}`;
  let stages: PlannedStage[];
  if (cached && cached.fingerprint === fingerprint) {
    stages = cached.stages.map((s, i) => ({ ...s, code: codes[i]! }));
  } else {
    stages = [];
    for (const [i, module] of modules!.entries()) {
      const def = await importBundle<StageDef>(root, codes[i]!);
      if (!def || typeof def.run !== 'function' || typeof def.name !== 'string') {
        throw new PlanError(`${module}: must \`export default defineStage({ name, run, … })\``);
      }
      stages.push(expand(def, module, codes[i]!, params));
    }
    stages = checkAndOrder(stages);
    state.write({ fingerprint, stages: stages.map(({ code: _c, ...s }) => s) });
  }
  const byName = new Map(stages.map((s) => [s.name, s]));
  const byId = new Map(stages.flatMap((s) => s.instances.map((i) => [i.id, i] as const)));
  return { pipeline: pipelineCode, stages, byName, byId };
}

function expand(def: StageDef, module: string, code: CodeInfo, json: Json): PlannedStage {
  // Validated against the project's schema when loaded: the shape its Params type describes.
  const params = json as unknown as Params;
  const grid: readonly InstanceParams[] = def.grid ? callForPlan(def.name, 'grid', () => def.grid!(params)) : [{}];
  const instances = grid.map((instance) => {
    for (const [k, v] of Object.entries(instance)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) {
        throw new PlanError(`${def.name}: grid point field '${k}' is ${JSON.stringify(v)}; expected a string, number or boolean`);
      }
    }
    let resources: Resources | undefined;
    try {
      resources = resourcesFor(def, instance);
    } catch (e) {
      throw new PlanError((e as Error).message);
    }
    return { id: instanceId(def.name, instance), stage: def.name, instance, ...(resources && { resources }) };
  });
  const ids = new Set<string>();
  for (const i of instances) {
    if (ids.has(i.id)) throw new PlanError(`${def.name}: the grid has ${i.id} twice`);
    ids.add(i.id);
  }
  return {
    name: def.name,
    module,
    description: def.description ?? '',
    deps: [...(def.deps ?? [])],
    optionalDeps: [...(def.optionalDeps ?? [])],
    files: [...(typeof def.files === 'function' ? callForPlan(def.name, 'files', () => (def.files as (p: Params) => string[])(params)) : (def.files ?? []))],
    publish: def.publish,
    code,
    instances,
  };
}

/** Call a stage's `grid` or `files` function; it must return an array. */
function callForPlan<T>(stage: string, what: string, f: () => readonly T[]): readonly T[] {
  let out: readonly T[];
  try {
    out = f();
  } catch (e) {
    throw new PlanError(`${stage}: ${what}(params) threw: ${(e as Error).message}`);
  }
  if (!Array.isArray(out)) throw new PlanError(`${stage}: ${what}(params) must return an array, got ${JSON.stringify(out)}`);
  return out;
}

/** Check names and deps, and order stages so every stage comes after its deps. */
function checkAndOrder(stages: PlannedStage[]): PlannedStage[] {
  const byName = new Map<string, PlannedStage>();
  for (const s of stages) {
    const other = byName.get(s.name);
    if (other) throw new PlanError(`stage name '${s.name}' is declared twice (${other.module} and ${s.module})`);
    byName.set(s.name, s);
  }
  for (const s of stages) {
    for (const d of s.deps) {
      if (!byName.has(d)) throw new PlanError(`${s.name} (${s.module}) depends on '${d}', which is not in pipeline.ts`);
    }
    s.optionalDeps = s.optionalDeps.filter((d) => byName.has(d));
  }
  const ordered: PlannedStage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: PlannedStage, path: string[]) => {
    if (state.get(s.name) === 'done') return;
    if (state.get(s.name) === 'visiting') throw new PlanError(`dependency cycle: ${[...path, s.name].join(' → ')}`);
    state.set(s.name, 'visiting');
    for (const d of [...s.deps, ...s.optionalDeps]) visit(byName.get(d)!, [...path, s.name]);
    state.set(s.name, 'done');
    ordered.push(s);
  };
  for (const s of stages) visit(s, []);
  return ordered;
}
