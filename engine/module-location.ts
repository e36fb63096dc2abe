/**
 * A bundled module keeps its source location. A stage's import closure runs as one
 * bundle in `<cache>/build/<hash>/stage.mjs`, so without help `import.meta.url` in a
 * stage or helper would point there, `new URL('./table.json', import.meta.url)` would
 * miss, and stack traces would name files that do not exist.
 *
 * - `import.meta.url`, `.filename` and `.dirname` in project modules are rewritten to
 *   the module's path relative to the project root, resolved at run time against the
 *   root the engine publishes (`globalThis[PROJECT_ROOT]`). The bundle text holds no
 *   absolute path, so code hashes stay independent of where the project lives.
 * - The source map's `sources` are rewritten to point from the bundle to the real files.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, Plugin } from 'esbuild';

/** The global under which the engine publishes the project root (a file URL ending in '/'). */
export const PROJECT_ROOT = Symbol.for('repro.projectRoot');

/** Publish the project root for bundled modules (in the worker, and when planning). */
export function setProjectRoot(root: string): void {
  (globalThis as Record<symbol, unknown>)[PROJECT_ROOT] = pathToFileURL(`${resolve(root)}/`).href;
}

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };
const META = /\bimport\.meta\.(url|filename|dirname)\b/g;

export function moduleLocationPlugin(root: string): Plugin {
  return {
    name: 'repro-module-location',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.')) return undefined;
        const rel = JSON.stringify(relative(root, args.path).split('\\').join('/'));
        const url = `new URL(${rel}, globalThis[Symbol.for("repro.projectRoot")])`;
        // Same line count as the source, so line numbers in stack traces stay right.
        const contents = text.replace(META, (_m, what: string) =>
          what === 'url' ? `${url}.href` : what === 'filename' ? `decodeURIComponent(${url}.pathname)` : `decodeURIComponent(new URL(".", ${url}).pathname).replace(/\\/$/, "")`,
        );
        return { contents, loader: LOADERS[extname(args.path)] ?? 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Point a bundle's source map (whose sources esbuild wrote relative to the project root) at the real files. */
export function relocateSourceMap(mapText: string, root: string, bundlePath: string): string {
  const map = JSON.parse(mapText) as { sources: string[] };
  map.sources = map.sources.map((s) => relative(dirname(bundlePath), resolve(root, s)).split('\\').join('/'));
  return JSON.stringify(map);
}
