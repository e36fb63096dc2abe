/**
 * Code hashing: a stage's code is its transitive import closure, normalised.
 *
 * The stage entry is bundled with esbuild (npm packages external, comments
 * dropped, tree-shaken, whitespace minified). The code hash covers the bundle
 * text, the versions of the npm packages the bundle imports (as installed: see
 * package-version.ts) and the engine's store format (not its release: see version.ts).
 * So a comment edit or an edit to an
 * export nobody uses changes nothing, and an edit to a helper a stage really
 * calls changes exactly the stages that call it. The bundle is also the code the
 * worker runs: what was hashed is what runs.
 *
 * Known blind spots (declare such inputs in the stage's `files`): files read
 * through `fs`, and dynamic `import()` of computed paths. Renaming a local
 * variable counts as a change.
 *
 * A stat cache (size, mtime, ctime, inode of every closure file and of the manifest
 * of every package it imports) skips re-bundling when nothing was touched.
 * Bundled modules keep their source location (module-location.ts).
 */
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { hashBytes, hashFile, hashJson, initHash, type CodeHash, type ContentHash } from './hash.ts';
import { fileStat, sameStat, type FileStat } from './util/file-hashes.ts';
import { writeAtomic, type StateFile } from './util/state-file.ts';
import { ENGINE_PACKAGE } from './version.ts';
import { moduleLocationPlugin, relocateSourceMap } from './module-location.ts';
import { installedPackage } from './package-version.ts';
import { UsageError } from './errors.ts';
import { bundleError, missingModule } from './logging/errors.ts';

export interface CodeInfo {
  hash: CodeHash;
  /** Project files in the closure → content hash (for "why": which file changed). */
  files: Record<string, ContentHash>;
  /** npm packages the bundle imports → version. */
  packages: Record<string, string>;
  /** The runnable bundle: relative to the project root when the cache is inside it, else absolute. */
  bundle: string;
}

type Stat = FileStat;
type StatCache = Record<string, { stats: Record<string, Stat>; info: CodeInfo }>;

const statOf = (p: string): Stat | undefined => {
  try {
    return fileStat(statSync(p));
  } catch {
    return undefined;
  }
};

export class CodeHasher {
  #cache: StatCache;
  #dirty = false;
  #statMemo = new Map<string, Stat | undefined>();

  constructor(
    readonly root: string,
    readonly buildDir: string,
    readonly storeFormat: string,
    readonly state: StateFile<StatCache>,
  ) {
    this.#cache = state.read() ?? {};
  }

  #stat(rel: string): Stat | undefined {
    if (!this.#statMemo.has(rel)) this.#statMemo.set(rel, statOf(resolve(this.root, rel)));
    return this.#statMemo.get(rel);
  }

  /** The code info of an entry if no file of its closure (nor a package manifest) changed since last time. */
  cached(entry: string): CodeInfo | undefined {
    const c = this.#cache[entry];
    if (!c) return undefined;
    for (const [f, s] of Object.entries(c.stats)) if (!sameStat(this.#stat(f), s)) return undefined;
    if (!existsSync(resolve(this.root, c.info.bundle))) return undefined;
    return c.info;
  }

  async hash(entry: string): Promise<CodeInfo> {
    const hit = this.cached(entry);
    if (hit) return hit;
    if (process.env.REPRO_DEBUG) process.stderr.write(`[repro] bundling ${entry} (closure changed or not seen)\n`);
    return this.#rebuild(entry);
  }

  async #rebuild(entry: string): Promise<CodeInfo> {
    await initHash();
    const esbuild = await import('esbuild');
    let result: import('esbuild').BuildResult<{ write: false; metafile: true }>;
    try {
      result = await esbuild.build({
        entryPoints: [entry],
        absWorkingDir: this.root,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        treeShaking: true,
        minifyWhitespace: true,
        legalComments: 'none',
        sourcemap: 'linked',
        outfile: 'stage.mjs',
        write: false,
        metafile: true,
        logLevel: 'silent',
        plugins: [moduleLocationPlugin(this.root)],
      });
    } catch (e) {
      // The user's to fix: one line, no esbuild stack.
      if (!existsSync(resolve(this.root, entry))) throw new UsageError(missingModule(entry, entry === 'pipeline.ts' ? 'not a project root? see `repro init`' : 'listed in pipeline.ts'));
      throw new UsageError(bundleError(entry, (e as { errors?: import('esbuild').Message[] }).errors?.[0]));
    }
    const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
    if (!js) throw new Error(`esbuild produced no output for ${entry}`);
    const files: Record<string, ContentHash> = {};
    for (const input of Object.keys(result.metafile.inputs).sort()) files[input] = hashFile(join(this.root, input));
    const packages: Record<string, string> = {};
    const manifests: string[] = [];
    for (const out of Object.values(result.metafile.outputs)) {
      for (const imp of out.imports) {
        if (!imp.external || imp.path.startsWith('node:')) continue;
        const name = packageName(imp.path);
        if (!name || name === ENGINE_PACKAGE || packages[name]) continue;
        const installed = installedPackage(this.root, name);
        packages[name] = installed?.version ?? 'not installed';
        if (installed) manifests.push(relative(this.root, installed.manifest));
      }
    }
    const hash = hashJson<CodeHash>({ bundle: hashBytes(js.text), packages, engine: this.storeFormat });
    const abs = join(this.buildDir, hash, 'stage.mjs');
    const inside = relative(this.root, abs);
    const bundle = inside.startsWith('..') || isAbsolute(inside) ? abs : inside;
    if (bundle === abs) linkPackages(this.root, this.buildDir);
    // Written atomically, and rewritten if what is there is not this bundle: a bundle
    // torn by a kill mid-write must never be run (nor fail the plan) forever after.
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== js.text) {
      if (map) writeAtomic(`${abs}.map`, relocateSourceMap(map.text, this.root, abs));
      writeAtomic(abs, js.text);
    }
    const info: CodeInfo = { hash, files, packages, bundle };
    const stats: Record<string, Stat> = {};
    for (const f of [...Object.keys(files), ...manifests]) {
      const s = this.#stat(f);
      if (s) stats[f] = s;
    }
    this.#cache[entry] = { stats, info };
    this.#dirty = true;
    return info;
  }

  save(): void {
    if (this.#dirty) this.state.write(this.#cache);
    this.#dirty = false;
  }
}

/**
 * A bundle outside the project (a cache dir elsewhere) resolves its npm imports through
 * `<build dir>/node_modules`, a link to the project's: Node finds packages by walking up
 * from the importing file, and the bundle keeps bare specifiers so that its hash does not
 * depend on where the project lives.
 */
function linkPackages(root: string, buildDir: string): void {
  const link = join(buildDir, 'node_modules');
  const target = join(root, 'node_modules');
  try {
    if (readlinkSync(link) === target) return;
    rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  mkdirSync(buildDir, { recursive: true });
  try {
    symlinkSync(target, link, 'dir');
  } catch {
    // another run linked it meanwhile
  }
}

/** `@scope/pkg/sub` → `@scope/pkg`; `pkg/sub` → `pkg`. */
export function packageName(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
