/**
 * `repro init`: scaffold a working project in a directory (empty, or holding only a
 * package.json, e.g. after `npm install repro`). `repro run` works there at once.
 * Existing files are never overwritten (unless `force`); package.json is completed
 * (`"type": "module"`, scripts, devDependencies for typed params), not replaced.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_PACKAGE } from '../version.ts';
import * as T from './init-templates.ts';

export class InitError extends Error {
  override name = 'InitError';
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The engine's own package.json (dist/ or engine/commands/ sit below it). */
function enginePackage(): { version: string; devDependencies?: Record<string, string> } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version: string; devDependencies?: Record<string, string> };
      if (pkg.name === ENGINE_PACKAGE) return pkg;
    }
  }
  return { version: '*' };
}

/** package.json: created, or completed without touching what the user set. */
function packageJson(root: string): string {
  const path = join(root, 'package.json');
  const pkg = (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {}) as Record<string, unknown>;
  const engine = enginePackage();
  const dev = (pkg.devDependencies ?? {}) as Record<string, string>;
  const deps = (pkg.dependencies ?? {}) as Record<string, string>;
  const scripts = (pkg.scripts ?? {}) as Record<string, string>;
  const tool = (name: string, fallback: string) => (dev[name] || deps[name] ? {} : { [name]: engine.devDependencies?.[name] ?? fallback });
  const out = {
    name: basename(root).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'pipeline',
    version: '0.1.0',
    private: true,
    ...pkg,
    type: 'module', // stages are ES modules (tsc reads them as such only in a module package)
    scripts: { reproduce: 'repro run', typecheck: 'repro types && tsc --noEmit -p .', ...scripts },
    ...(deps[ENGINE_PACKAGE] || dev[ENGINE_PACKAGE] ? {} : { dependencies: { ...deps, [ENGINE_PACKAGE]: `^${engine.version}` } }),
    devDependencies: { ...dev, ...tool('typescript', '^5'), ...tool('@types/node', '*'), ...tool('json-schema-to-typescript', '^16') },
  };
  return json(out);
}

export interface InitResult {
  written: string[];
}

export function initProject(root: string, o: { force?: boolean } = {}): InitResult {
  const files: Record<string, string> = {
    'pipeline.ts': T.PIPELINE,
    'stages/simulate.ts': T.SIMULATE,
    'stages/summarize.ts': T.SUMMARIZE,
    'params.json': json(T.PARAMS),
    'params.schema.json': json(T.PARAMS_SCHEMA),
    '.gitignore': T.GITIGNORE,
    'tsconfig.json': json(T.TSCONFIG),
  };
  const clash = Object.keys(files).filter((f) => existsSync(join(root, f)));
  if (clash.length && !o.force) throw new InitError(`${root} already has ${clash.join(', ')}; use an empty directory, or --force to overwrite them`);
  files['package.json'] = packageJson(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return { written: Object.keys(files) };
}

export const NEXT_STEPS = `
Next:
  npx repro run                  # run both stages; results/summary.json holds the estimate of π
  npx repro run                  # again: nothing to do
  npx repro run --set simulate.samples=400000   # an edit reruns exactly what read it
  npx repro why summarize        # what changed since its last run
  npm install && npm run typecheck   # typed params: a misspelt ctx.params path fails tsc
Guide: node_modules/repro/docs/engine.md`;
