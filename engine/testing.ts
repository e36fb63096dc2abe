/**
 * Run one stage in a temp directory, without the engine's store or scheduler:
 * for unit tests of stages. Results chain: the `Upstream` returned by one call
 * can be passed as an input of the next.
 *
 *   const data = await runStage(dataStage, { params });
 *   const fig = await runStage(figStage, { params, inputs: { 'data-digits': [data] } });
 *   fig.json('figure.json');
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, upstreamFrom } from './context.ts';
import type { ParamReads } from './params-proxy.ts';
import type { InstanceParams, Json, Params, StageDef, Upstream } from './stage.ts';

export interface RunStageOptions {
  params: Json;
  instance?: InstanceParams;
  seed?: number;
  inputs?: Record<string, Upstream[]>;
  /** Print ctx.log lines. @default false */
  verbose?: boolean;
}

export interface StageRun extends Upstream {
  /** Dotted param paths the stage read, with their values. */
  readonly paramReads: ParamReads;
}

const tempDirs: string[] = [];

/**
 * A stage's grid for test params, which may be partial (only what the stage reads):
 * `[{}]` for a stage without a grid.
 */
export function gridOf(def: StageDef, params: Json): InstanceParams[] {
  return def.grid ? [...def.grid(params as unknown as Params)] : [{}];
}

export async function runStage(def: StageDef, o: RunStageOptions): Promise<StageRun> {
  const instance = o.instance ?? {};
  const id = Object.keys(instance).length
    ? `${def.name}[${Object.entries(instance).map(([k, v]) => `${k}=${v}`).join(',')}]`
    : def.name;
  const dir = mkdtempSync(join(tmpdir(), 'repro-stage-'));
  // Results are read lazily from `dir`, so it lives until the test process exits.
  if (!tempDirs.length) process.once('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  tempDirs.push(dir);
  const rec = createContext({
    def,
    id,
    instance,
    params: o.params,
    seed: o.seed ?? 1,
    dir,
    upstream: new Map(Object.entries(o.inputs ?? {})),
    onLog: o.verbose ? (m) => console.log(`[${id}] ${m}`) : undefined,
  });
  await def.run(rec.ctx);
  const files = Object.fromEntries(
    (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile())
      .map((e) => {
        const rel = join(e.parentPath, e.name).slice(dir.length + 1);
        return [rel, join(dir, rel)];
      }),
  );
  const provenance = {
    keyHash: 'test',
    codeHash: 'test',
    codeFiles: [],
    params: Object.fromEntries(rec.paramReads),
    outputs: {},
    finishedAt: new Date().toISOString(),
    seconds: 0,
    facts: {},
    stale: false,
  };
  return Object.assign(upstreamFrom(id, instance, files, provenance), { paramReads: rec.paramReads });
}
