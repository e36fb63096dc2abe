/**
 * Loading the effective parameters: params.json, a profile deep-merged over it,
 * then `--params FILE`, then `--set a.b.c=value` overrides; validated against
 * params.schema.json (and the schemas it `$ref`s) with ajv, all errors at once.
 *
 * Validation is skipped when the exact same inputs (file bytes, profile,
 * overrides) were validated before: the no-op path must stay fast, and ajv's
 * compile step alone costs tens of milliseconds.
 */
import { UsageError } from './errors.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fingerprint } from './hash.ts';
import type { Json } from './stage.ts';
import type { StateFile } from './util/state-file.ts';

export interface ParamsRequest {
  root: string;
  /** A profile declared in params.json's `profiles`. @default params.json's `defaultProfile`, else none */
  profile?: string;
  /** `--params FILE` paths, applied in order. */
  files?: string[];
  /** `--set a.b.c=value` assignments, applied in order. */
  sets?: string[];
}

export interface LoadedParams {
  /** The effective params, without the engine's keys (`profiles`, `defaultProfile`, `$schema`). */
  params: { [key: string]: Json };
  /** Hash of everything that went into them. */
  hash: string;
  /** The profile applied (undefined: none), and whether it is the project's default. */
  profile: { name: string | undefined; isDefault: boolean };
}

/**
 * Keys of params.json that belong to the engine, not to stages: a project declares its
 * profiles (`"profiles": { "quick": { …overrides } }`) and optionally the one used when
 * no `--profile` is given (`"defaultProfile": "paper"`). Everything else is the project's.
 */
const ENGINE_KEYS = ['profiles', 'defaultProfile', '$schema'];

export class ParamsError extends UsageError {
  constructor(readonly problems: string[]) {
    super(`invalid parameters:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Obj = { [key: string]: Json };
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObj(b) && isObj(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function readJson(path: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ParamsError([`${what}: cannot read ${path}`]);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new ParamsError([`${what}: ${path} is not valid JSON (${(e as Error).message})`]);
  }
}

/** Parse `a.b.c=value`; the value is JSON when it parses as JSON, else a string. */
export function parseSet(assignment: string): { path: string[]; value: Json } {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ParamsError([`--set ${assignment}: expected KEY.PATH=VALUE, e.g. --set p1.d=50`]);
  const raw = assignment.slice(eq + 1);
  let value: Json;
  try {
    value = JSON.parse(raw) as Json;
  } catch {
    value = raw;
  }
  return { path: assignment.slice(0, eq).split('.'), value };
}

function setAt(obj: Obj, path: string[], value: Json): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const child = obj[head];
  return { ...obj, [head]: rest.length ? setAt(isObj(child) ? child : {}, rest, value) : value };
}

export function loadParams(req: ParamsRequest, state?: StateFile<Omit<LoadedParams, 'hash'> & { hash: string }>): LoadedParams {
  const { root, files = [], sets = [] } = req;
  const paramsPath = join(root, 'params.json');
  const rawTexts = [paramsPath, ...files].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : `<missing ${f}>`));
  const schemaTexts = schemaFiles(root).map((f) => readFileSync(f, 'utf8'));
  const hash = fingerprint(JSON.stringify([rawTexts, schemaTexts, req.profile ?? null, sets]));
  const cached = state?.read();
  if (cached && cached.hash === hash && cached.profile) return cached;

  const base = readJson(paramsPath, 'params.json');
  if (!isObj(base)) throw new ParamsError(['params.json: the top level must be an object']);
  const profiles = isObj(base.profiles) ? base.profiles : {};
  const declared = Object.keys(profiles).join(', ') || 'none';
  const fallback = base.defaultProfile;
  if (fallback !== undefined && (typeof fallback !== 'string' || !isObj(profiles[fallback]))) {
    throw new ParamsError([`params.json: defaultProfile ${JSON.stringify(fallback)} is not a declared profile (profiles: ${declared})`]);
  }
  const name = req.profile ?? fallback;
  const chosen = name === undefined ? {} : profiles[name];
  if (!isObj(chosen)) throw new ParamsError([`--profile ${name}: no such profile (params.json declares: ${declared})`]);
  let merged = deepMerge(base, chosen);
  for (const f of files) {
    const extra = readJson(f, '--params');
    if (!isObj(extra)) throw new ParamsError([`--params ${f}: the top level must be an object`]);
    merged = deepMerge(merged, extra);
  }
  for (const s of sets) {
    const { path, value } = parseSet(s);
    merged = setAt(merged, path, value);
  }
  validate(root, merged);
  const params = Object.fromEntries(Object.entries(merged).filter(([k]) => !ENGINE_KEYS.includes(k)));
  const loaded: LoadedParams = { params, hash, profile: { name, isDefault: name === fallback } };
  state?.write(loaded);
  return loaded;
}

function schemaFiles(root: string): string[] {
  const main = join(root, 'params.schema.json');
  if (!existsSync(main)) return [];
  const dir = join(root, 'schema');
  const refs = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort().map((f) => join(dir, f))
    : [];
  return [main, ...refs];
}

function validate(root: string, value: Obj): void {
  const files = schemaFiles(root);
  if (!files.length) return;
  // ajv is loaded only when validation really runs (not on the cached no-op path).
  const { default: Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const [main, ...refs] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as object);
  for (const r of refs) ajv.addSchema(r);
  const check = ajv.compile(main!);
  if (check(value)) return;
  throw new ParamsError((check.errors ?? []).map((e) => describeError(e, value)));
}

function describeError(e: import('ajv').ErrorObject, root: Obj): string {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let v: Json | undefined = root;
  for (const p of path) v = isObj(v) ? v[p] : Array.isArray(v) ? v[Number(p)] : undefined;
  const where = path.length ? `params.${path.join('.')}` : 'params';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties':
      return `${where}.${String(p.additionalProperty)}: unknown parameter (allowed here: ${allowedKeys(e)})`;
    case 'required':
      return `${where}.${String(p.missingProperty)}: missing (required)`;
    case 'enum':
      return `${where}: ${JSON.stringify(v)} — must be one of ${JSON.stringify(p.allowedValues)}`;
    default:
      return `${where}: ${JSON.stringify(v)} — ${e.message ?? 'invalid'}`;
  }
}

function allowedKeys(e: import('ajv').ErrorObject): string {
  const props = (e.parentSchema as { properties?: object } | undefined)?.properties;
  return props ? Object.keys(props).join(', ') || 'none' : 'see the schema';
}
