/**
 * Builds the `StageContext` a stage's `run` receives, and collects what the
 * stage read (params, upstream instances) and recorded while it ran.
 *
 * Used by the worker that runs stages for the engine and by `engine/testing.ts`.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { recordingProxy, type ParamReads } from './params-proxy.ts';
import type { InstanceParams, Json, Params, Provenance, StageContext, StageDef, Upstream } from './stage.ts';

/** One `ctx.input(s)` call: the query and the upstream ids it matched. */
export interface InputRead {
  stage: string;
  where: InstanceParams;
  matched: string[];
}

export interface ContextOptions {
  def: StageDef;
  id: string;
  instance: InstanceParams;
  params: Json;
  seed: number;
  dir: string;
  /** Upstream results by stage name (every instance, in grid order). */
  upstream: ReadonlyMap<string, readonly Upstream[]>;
  onProgress?: (fraction: number, note?: string) => void;
  onLog?: (message: string) => void;
  /** The instance's CPU share, which the caller may change while it runs. @default all CPUs, fixed */
  cpus?: CpuShare;
}

/** A CPU count that can change while an instance runs, with listeners (`ctx.cpus`, `ctx.onCpusChange`). */
export class CpuShare {
  #listeners = new Set<(cpus: number) => void>();
  constructor(public value: number = availableParallelism()) {}
  set(cpus: number): void {
    if (cpus === this.value) return;
    this.value = cpus;
    for (const l of this.#listeners) l(cpus);
  }
  listen(listener: (cpus: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export interface ContextRecorder {
  ctx: StageContext;
  paramReads: ParamReads;
  inputReads: InputRead[];
  facts: Record<string, string | number | boolean>;
}

export function matches(instance: InstanceParams, where: InstanceParams): boolean {
  return Object.entries(where).every(([k, v]) => instance[k] === v);
}

export function createContext(o: ContextOptions): ContextRecorder {
  const paramReads: ParamReads = new Map();
  const inputReads: InputRead[] = [];
  const facts: Record<string, string | number | boolean> = {};
  const params = recordingProxy(o.params, paramReads);
  const declared = new Set([...(o.def.deps ?? []), ...(o.def.optionalDeps ?? [])]);
  mkdirSync(o.dir, { recursive: true });

  const select = (stage: string, where: InstanceParams): Upstream[] => {
    if (!declared.has(stage)) {
      throw new Error(`stage '${o.def.name}' reads '${stage}', which is not in its deps (declared: ${[...declared].join(', ') || 'none'})`);
    }
    const all = o.upstream.get(stage) ?? [];
    const found = all.filter((u) => matches(u.instance, where));
    inputReads.push({ stage, where, matched: found.map((u) => u.id) });
    return found;
  };
  const outPath = (name: string) => {
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(name) || name.split('/').some((part) => part.startsWith('.'))) {
      throw new Error(`output name '${name}' must be a relative path of letters, digits, '_', '-', '.' (no part starting with '.')`);
    }
    const p = join(o.dir, name);
    mkdirSync(dirname(p), { recursive: true });
    return p;
  };
  const cpus = o.cpus ?? new CpuShare();
  const bytesOf = (a: Float64Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

  let $: StageContext['$'] | undefined;
  const ctx: StageContext = {
    id: o.id,
    stage: o.def.name,
    instance: o.instance,
    params: params as Params,
    get seed() {
      // The seed derives from the global seed: reading it reads that param.
      (params as { seed?: unknown }).seed;
      return o.seed;
    },
    dir: o.dir,
    input(stage, where = {}) {
      const found = select(stage, where);
      if (found.length !== 1) {
        throw new Error(
          `ctx.input('${stage}', ${JSON.stringify(where)}) matched ${found.length} instances` +
            (found.length ? ` (${found.map((u) => u.id).join(', ')}); use ctx.inputs or narrow 'where'` : ''),
        );
      }
      return found[0]!;
    },
    inputs: (stage, where = {}) => select(stage, where),
    writeJson: (name, value) => writeFileSync(outPath(name), `${JSON.stringify(value, null, 1)}\n`),
    writeF64: (name, data) => writeFileSync(outPath(name), bytesOf(data)),
    writeF32: (name, data) => writeFileSync(outPath(name), bytesOf(data)),
    writeFile: (name, data) => writeFileSync(outPath(name), data),
    progress: (fraction, note) => o.onProgress?.(Math.min(1, Math.max(0, fraction)), note),
    log: (message) => o.onLog?.(message),
    record: (f) => Object.assign(facts, f),
    get cpus() {
      return cpus.value;
    },
    onCpusChange: (listener) => cpus.listen(listener),
    get $() {
      // zx is loaded on first use only (it costs ~0.3 s), synchronously through its CommonJS build.
      $ ??= (createRequire(import.meta.url)('zx') as typeof import('zx')).$({ cwd: o.dir, quiet: true }) as StageContext['$'];
      return $;
    },
  };
  return { ctx, paramReads, inputReads, facts };
}


/**
 * A file's bytes in one ArrayBuffer of exactly its size (so typed arrays view it without a
 * copy): a 200 MiB upstream array costs 200 MiB in the reader, not three times that.
 */
function readWhole(file: string): Uint8Array<ArrayBuffer> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const out = new Uint8Array(new ArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const n = readSync(fd, out, at, size - at, at);
      if (n === 0) throw new Error(`${file}: ended after ${at} of ${size} bytes`);
      at += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** An `Upstream` over files in a directory (a store object map, or a test's temp dir). */
export function upstreamFrom(
  id: string,
  instance: InstanceParams,
  files: Readonly<Record<string, string>>,
  provenance: Provenance,
): Upstream {
  const path = (name: string) => {
    const p = files[name];
    if (!p) throw new Error(`'${id}' has no output '${name}' (it has: ${Object.keys(files).join(', ') || 'none'})`);
    return p;
  };
  const bytes = (name: string) => readWhole(path(name));
  const aligned = (name: string, size: number) => {
    const b = readWhole(path(name));
    if (b.byteLength % size !== 0) throw new Error(`'${id}' output '${name}' has ${b.byteLength} bytes, not a multiple of ${size}`);
    return b.buffer;
  };
  return {
    id,
    instance,
    files: Object.keys(files).sort(),
    json: <T>(name: string) => JSON.parse(readFileSync(path(name), 'utf8')) as T,
    f64: (name) => new Float64Array(aligned(name, 8)),
    f32: (name) => new Float32Array(aligned(name, 4)),
    bytes,
    path,
    provenance,
  };
}
