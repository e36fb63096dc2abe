/**
 * The stage API: what a module in `stages/` declares and what its `run` receives.
 *
 * A stage is a name, the stages it reads from, an optional grid of instances
 * taken from the parameters, and a `run(ctx)` function. The engine knows
 * nothing about what a stage computes; it only sees what the stage reads
 * (parameters through a recording proxy, upstream outputs through
 * `ctx.input`) and what it writes (files in its staging directory).
 */

/** A JSON value, as stored in params.json and in stage outputs. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The parameters of one grid point, e.g. `{ r: 0.5, seed: 0 }`. Scalars only, so ids are stable. */
export type InstanceParams = Readonly<Record<string, string | number | boolean>>;

/**
 * What a project tells the type checker about itself. `repro types` generates, from the
 * project's params.schema.json, a file that fills it in:
 *
 *   declare module 'repro' { interface Register { params: Params } }
 *
 * so that `ctx.params.p1.etaAbove` (a typo) fails `tsc` instead of reading `undefined`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Register {}

/**
 * Params as a stage sees them: read-only, and every read is recorded into the cache key.
 * Typed by the project's `Register` (see above); `any` in a project without one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Params = Register extends { params: infer P } ? P : any;

/** A finished upstream stage instance, as seen from a downstream `run`. */
export interface Upstream {
  /** The upstream instance id, e.g. `p1-gd[r=0.5,seed=0]`. */
  readonly id: string;
  /** Its grid point (empty for a stage without a grid). */
  readonly instance: InstanceParams;
  /** Names of the files it wrote. */
  readonly files: readonly string[];
  /** Parse a JSON output. */
  json<T = Json>(name: string): T;
  /** A Float64Array output written with `ctx.writeF64`. */
  f64(name: string): Float64Array;
  /** A Float32Array output written with `ctx.writeF32`. */
  f32(name: string): Float32Array;
  /** Raw bytes of any output. */
  bytes(name: string): Uint8Array;
  /** Absolute path of an output in the store (read-only: never write to it). */
  path(name: string): string;
  /** Where this result came from: for figure footnotes and the report's stale badges. */
  readonly provenance: Provenance;
}

/** What produced an upstream result (from its run manifest). */
export interface Provenance {
  /** Hash of the instance's full key manifest. */
  readonly keyHash: string;
  /** Hash of the stage's bundled import closure. */
  readonly codeHash: string;
  /** Project files in that closure. */
  readonly codeFiles: readonly string[];
  /** Every param the instance read, by dotted path, with its value. */
  readonly params: Readonly<Record<string, Json>>;
  /** Output file name → content hash. */
  readonly outputs: Readonly<Record<string, string>>;
  /** ISO time the run finished, and how long it took. */
  readonly finishedAt: string;
  readonly seconds: number;
  /**
   * Environment facts recorded with `ctx.record` by this instance and, inherited, by every
   * upstream result it was computed from (distinct values joined with ', ').
   */
  readonly facts: Readonly<Record<string, string | number | boolean>>;
  /**
   * True when this is an older result whose inputs have since changed (only possible
   * through `optionalDeps`, when the instance could not be brought up to date in this run).
   */
  readonly stale: boolean;
  /** The upstream results this one was computed from (one level), when the lock file still records them. */
  readonly inputs?: readonly InputProvenance[];
}

/** An upstream result another result read: its id, key and the params it read. */
export interface InputProvenance {
  readonly id: string;
  readonly keyHash: string;
  readonly codeHash: string;
  readonly params: Readonly<Record<string, Json>>;
}

/** What `run` receives. */
export interface StageContext {
  /** This instance's id, e.g. `p1-gd[r=0.5,seed=0]`. */
  readonly id: string;
  /** The stage name, e.g. `p1-gd`. */
  readonly stage: string;
  /** This instance's grid point (empty object without a grid). */
  readonly instance: InstanceParams;
  /** All parameters (profile and overrides applied). Reads are recorded: only what is read enters the key. */
  readonly params: Params;
  /**
   * A 32-bit seed derived from (global `seed` param, stage name, instance params):
   * stable under DAG edits, different for every instance.
   */
  readonly seed: number;
  /**
   * The staging directory: every file left here when `run` returns is an output.
   * Output names may contain `/` for sub-directories (`data/p1-e1.json`).
   */
  readonly dir: string;
  /**
   * The one instance of an upstream stage (declared in `deps`) matching `where`
   * (a subset of its grid point). Throws if none or several match.
   */
  input(stage: string, where?: InstanceParams): Upstream;
  /** Every instance of an upstream stage matching `where`, in grid order. */
  inputs(stage: string, where?: InstanceParams): Upstream[];
  writeJson(name: string, value: unknown): void;
  writeF64(name: string, data: Float64Array): void;
  writeF32(name: string, data: Float32Array): void;
  writeFile(name: string, data: string | Uint8Array): void;
  /** Report progress in [0, 1]; drives the progress bars and ETAs. */
  progress(fraction: number, note?: string): void;
  /** A log line, shown with the instance id. */
  log(message: string): void;
  /**
   * Facts about the environment that the result depends on but that are not inputs
   * (e.g. the tfjs backend): recorded in the manifest, not part of the key.
   */
  record(facts: Record<string, string | number | boolean>): void;
  /**
   * CPUs this instance may use now: its share of the machine under `-j` (like OMP_NUM_THREADS;
   * size thread pools by it). It grows when fewer instances remain than workers.
   */
  readonly cpus: number;
  /** Call `listener` whenever `cpus` changes while this instance runs. Returns an unsubscribe function. */
  onCpusChange(listener: (cpus: number) => void): () => void;
  /** zx's `$`, running in `dir`. Declare the files such a command reads in `files`. */
  readonly $: typeof import('zx').$;
}

export interface StageDef {
  /** Unique stage name, kebab-case, e.g. `p1-e1`. */
  readonly name: string;
  /** One sentence for `repro dag` and the report. */
  readonly description?: string;
  /** Upstream stages this one reads with `ctx.input(s)`. Every instance of each runs first. */
  readonly deps?: readonly string[];
  /**
   * Upstream stages this one reads if they are available: a failed or missing instance
   * does not stop this stage; `ctx.inputs` then returns its last result marked stale, or
   * leaves it out. Meant for the report, which must render whatever exists.
   */
  readonly optionalDeps?: readonly string[];
  /**
   * The grid of instances, computed from the params (this read is not recorded:
   * instance params are part of each instance's id and key instead).
   */
  readonly grid?: (params: Params) => InstanceParams[];
  /**
   * Files the stage reads outside its import closure: data files, scripts run through
   * `ctx.$`, user-supplied dataset directories. Paths are relative to the project root or
   * absolute; a directory stands for every file under it. Their content hashes enter the
   * key. A function of the params is evaluated when planning (like `grid`).
   */
  readonly files?: readonly string[] | ((params: Params) => readonly string[]);
  /**
   * A project-relative directory (e.g. `reports`) into which the engine copies this
   * stage's outputs after every run or cache hit, keeping their relative paths.
   */
  readonly publish?: string;
  /**
   * What one instance needs on a cluster (`--executor slurm`): CPUs, memory in MB, and a
   * wall-time limit (seconds, or a string such as '90s', '20m', '2h'). Optionally a function
   * of the grid point. Not part of the cache key: where a result was computed does not change
   * it. Without a time, the limit is a multiple of the instance's recorded duration.
   */
  readonly resources?: StageResources | ((instance: InstanceParams) => StageResources);
  run(ctx: StageContext): void | Promise<void>;
}

/** `StageDef.resources`. */
export interface StageResources {
  cpus?: number;
  memMB?: number;
  time?: number | string;
}

/** Declare a stage. The identity function, for types and for the module path the engine records. */
export function defineStage(def: StageDef): StageDef {
  return def;
}
