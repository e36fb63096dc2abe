/**
 * The one place the report reads lock files of other revisions: `REV` is a lock file on
 * disk, or a git revision whose copy of the project's lock file (the profile's:
 * `repro.lock.json`, `repro.quick.lock.json`, …) is read with `git show`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseLock, type LockFile } from '../engine/record.ts';

export interface Revision {
  /** How the page names it: the revision as given, with its commit for a git revision. */
  label: string;
  lock: LockFile;
}

export class RevisionError extends Error {}

/** `rev` → the lock file it names; throws a `RevisionError` of one line when it names none. */
export function lockAt(rev: string, o: { root: string; lockPath: string }): Revision {
  if (existsSync(rev)) {
    try {
      return { label: rev, lock: parseLock(readFileSync(rev, 'utf8'), rev) };
    } catch (e) {
      throw new RevisionError((e as Error).message);
    }
  }
  const name = relative(o.root, o.lockPath);
  const git = (...args: string[]) => execFileSync('git', ['-C', o.root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  let commit: string;
  try {
    commit = git('rev-parse', '--verify', '--quiet', `${rev}^{commit}`).trim();
  } catch {
    throw new RevisionError(`--compare ${rev}: neither a lock file nor a git revision of ${o.root}`);
  }
  let text: string;
  try {
    text = git('show', `${commit}:${name}`);
  } catch {
    throw new RevisionError(`--compare ${rev}: commit ${commit.slice(0, 10)} has no ${name} (was the ${name.includes('.lock.json') ? 'profile' : 'pipeline'} run and its lock file committed there?)`);
  }
  try {
    return { label: `${rev} (${commit.slice(0, 10)})`, lock: parseLock(text, `${rev}:${name}`) };
  } catch (e) {
    throw new RevisionError((e as Error).message);
  }
}
