/**
 * `repro types`: the TypeScript type of the params stages see, generated from the
 * project's params.schema.json (json-schema-to-typescript), so that `tsc` rejects a
 * misspelt param path instead of letting it read `undefined` at run time.
 *
 * Two refinements over a plain schema → type compile:
 *  - objects are closed unless the schema says otherwise (`additionalProperties: false`
 *    by default), so a typo is an error, not an index-signature hit;
 *  - a property is required in the type when the schema requires it *or* params.json
 *    defines it: profiles, `--params` and `--set` override values but never delete keys,
 *    so whatever params.json defines is always there (for array items: whatever every
 *    element defines).
 *
 * The output declares `ProjectParams` and registers it with the engine's `Register`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { ENGINE_PACKAGE } from '../version.ts';

export interface TypesOptions {
  root: string;
  /** The file to write (relative to root). @default `params.gen.ts` */
  out?: string;
  /** The module whose `Register` to augment. @default the engine package, `repro` */
  augment?: string;
}

type Schema = { [key: string]: unknown };
const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

export class TypesError extends Error {
  override name = 'TypesError';
}

/** Inline every `$ref` (files relative to the root, `#/…` pointers within their file). */
function inline(node: unknown, doc: Schema, file: string, root: string, depth = 0): unknown {
  if (depth > 64) throw new TypesError(`${file}: $ref nesting deeper than 64 (a cycle?)`);
  if (Array.isArray(node)) return node.map((n) => inline(n, doc, file, root, depth + 1));
  if (!isObj(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const [path = '', pointer = ''] = ref.split('#');
    let target = doc;
    let targetFile = file;
    if (path) {
      targetFile = resolve(root, path);
      if (!existsSync(targetFile)) throw new TypesError(`${relative(root, file)}: $ref ${ref} names a missing file`);
      target = JSON.parse(readFileSync(targetFile, 'utf8')) as Schema;
    }
    const doc2 = target;
    for (const part of pointer.split('/').filter(Boolean)) {
      const next = isObj(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      if (!isObj(next)) throw new TypesError(`${relative(root, file)}: $ref ${ref} points nowhere`);
      target = next;
    }
    const { $ref: _r, ...rest } = node;
    return inline({ ...target, ...rest }, doc2, targetFile, root, depth + 1);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'definitions' || k === '$defs' || k === '$id' ? undefined : inline(v, doc, file, root, depth + 1);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Mark as required every property that all the sample values define. */
function requirePresent(schema: unknown, samples: unknown[]): void {
  if (!isObj(schema) || !samples.length) return;
  const props = schema.properties;
  const objs = samples.filter(isObj);
  if (isObj(props) && objs.length === samples.length) {
    const present = Object.keys(props).filter((k) => objs.every((o) => k in o));
    schema.required = [...new Set([...((schema.required as string[] | undefined) ?? []), ...present])];
    for (const [k, sub] of Object.entries(props)) requirePresent(sub, objs.flatMap((o) => (k in o ? [o[k]] : [])));
  }
  if (isObj(schema.items) && samples.every(Array.isArray)) requirePresent(schema.items, (samples as unknown[][]).flat());
}

export async function generateParamsTypes(o: TypesOptions): Promise<string> {
  const schemaPath = join(o.root, 'params.schema.json');
  if (!existsSync(schemaPath)) throw new TypesError(`no params.schema.json in ${o.root}: the params type is generated from it`);
  let compile: typeof import('json-schema-to-typescript').compile;
  try {
    ({ compile } = createRequire(join(o.root, 'package.json'))('json-schema-to-typescript') as typeof import('json-schema-to-typescript'));
  } catch {
    throw new TypesError('repro types needs json-schema-to-typescript in this project: npm install -D json-schema-to-typescript');
  }
  const doc = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
  // Without its title the root is named after the argument below, not the schema's title.
  const { title: _t, ...schema } = inline(doc, doc, schemaPath, o.root) as Schema;
  const paramsPath = join(o.root, 'params.json');
  if (existsSync(paramsPath)) requirePresent(schema, [JSON.parse(readFileSync(paramsPath, 'utf8'))]);
  const body = await compile(schema as Parameters<typeof compile>[0], 'ParamsFile', {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: true,
    cwd: o.root,
  });
  const out = o.out ?? 'params.gen.ts';
  const augment = o.augment ?? ENGINE_PACKAGE;
  const text = `// Generated by \`repro types\` from params.schema.json and params.json: do not edit.
// Regenerate after editing either (\`npx repro types\`).
${body}
/** The params a stage sees: params.json's shape, less the engine's own keys. */
export type ProjectParams = Omit<ParamsFile, 'profiles' | 'defaultProfile' | '$schema'>;

declare module '${augment}' {
  interface Register {
    params: ProjectParams;
  }
}
`;
  const target = resolve(o.root, out);
  const old = existsSync(target) ? readFileSync(target, 'utf8') : '';
  // Unchanged bytes are not rewritten, so tsc's incremental state and editors stay calm.
  if (old !== text) writeFileSync(target, text);
  return relative(o.root, target) || dirname(target);
}
