/**
 * The engine is installed on its own (`npm install repro`), without this repository's
 * devDependencies: every npm package the engine's code imports must be one of its
 * `dependencies` (or an optional peer it loads on demand with a clear message).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageName } from '../../engine/code-hash.ts';

const test = suite('engine/package-deps');
const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
// Templates of a user's project (repro init), not the engine's own imports.
const TEMPLATES = new Set(['engine/commands/init-templates.ts']);

test('every package engine/ imports is a dependency of the package (or an optional peer)', () => {
  const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependenciesMeta ?? {})]);
  const missing: string[] = [];
  const files = readdirSync(join(root, 'engine'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
  for (const e of files) {
    const rel = relative(root, join(e.parentPath, e.name));
    if (TEMPLATES.has(rel)) continue;
    const text = readFileSync(join(root, rel), 'utf8');
    for (const m of text.matchAll(/(?:^import[^'"]*?from\s*|^export[^'"]*?from\s*|import\(|require\(|\)\()\s*'([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || spec.startsWith('.')) continue;
      const name = packageName(spec)!;
      if (!allowed.has(name)) missing.push(`${rel}: ${name}`);
    }
  }
  assert.equal(missing, [], `imported by the engine but not in package.json dependencies:\n${missing.join('\n')}`);
});

test.run();
