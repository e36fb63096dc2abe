/**
 * The version of an npm package as a bundle will really load it: from the
 * `package.json` Node finds by walking up from the project root
 * (`node_modules/<name>/package.json`, following pnpm's and workspaces' links),
 * whatever package manager installed it and whether or not a lockfile exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface InstalledPackage {
  version: string;
  /** The manifest read: stat-cached by the code hasher, so an upgrade is seen. */
  manifest: string;
}

export function installedPackage(root: string, name: string): InstalledPackage | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
        return { version: typeof version === 'string' ? version : 'unknown', manifest };
      } catch {
        return { version: 'unreadable', manifest };
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
