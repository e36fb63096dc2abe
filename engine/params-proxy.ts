/**
 * The recording params proxy: a stage reads parameters through it, and every
 * read is written down (dotted path → value) so that only what the stage really
 * read enters its cache key.
 *
 * Leaves (numbers, strings, booleans, null) and arrays are recorded whole at the
 * path where they are read; plain objects are wrapped in a further proxy, so
 * reading `params.p1.d` records `p1.d` and not the rest of `p1`. Enumerating an
 * object (`Object.keys`, spread, JSON.stringify) records the whole object: the
 * stage may depend on any of it. A read of a missing key is recorded as null.
 *
 * Sound for deterministic code: with the same code and the same values at every
 * recorded path, a stage reads the same paths again (build-systems-à-la-carte's
 * argument for dynamic dependencies).
 */
import type { Json } from './stage.ts';

export type ParamReads = Map<string, Json>;

export function recordingProxy(root: Json, reads: ParamReads): unknown {
  const wrap = (value: Json | undefined, path: string): unknown => {
    if (value === undefined) {
      if (!covered(path)) reads.set(path, null);
      return undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (!covered(path)) reads.set(path, value);
      return value;
    }
    return new Proxy(value, {
      get(target, key) {
        if (typeof key === 'symbol') return Reflect.get(target, key);
        return wrap((target as Record<string, Json>)[key], path ? `${path}.${key}` : key);
      },
      has(target, key) {
        if (typeof key === 'string') wrap((target as Record<string, Json>)[key], path ? `${path}.${key}` : key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        if (!covered(path)) recordWhole(path, target);
        return Reflect.ownKeys(target);
      },
      set() {
        throw new TypeError(`params are read-only (tried to set a key under '${path || '<root>'}')`);
      },
      deleteProperty() {
        throw new TypeError(`params are read-only (tried to delete a key under '${path || '<root>'}')`);
      },
    });
  };
  /** Already recorded, itself or as part of an object recorded whole. */
  const covered = (path: string) => {
    if (reads.has(path) || reads.has('')) return true;
    for (let i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) if (reads.has(path.slice(0, i))) return true;
    return false;
  };
  const recordWhole = (path: string, value: Json) => {
    // A whole-object read subsumes the finer reads below it.
    for (const k of [...reads.keys()]) if (path === '' || k.startsWith(`${path}.`)) reads.delete(k);
    reads.set(path, value);
  };
  return wrap(root, '');
}

/** The value at a dotted path (`''` is the root), or null when absent. */
export function valueAt(root: Json, path: string): Json {
  if (path === '') return root;
  let v: Json | undefined = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    v = (v as Record<string, Json>)[key];
    if (v === undefined) return null;
  }
  return v;
}
