/**
 * The project lock: one `repro run` at a time per cache.
 *
 * The owner writes `owner.json` (pid, host, start) into a private dir and renames
 * it to `cache/lock` (atomic: a lock always has its owner), then touches the file
 * every 2 s (heartbeat). A second run waits, saying who holds the
 * lock. A lock is broken automatically when its owner is a dead process on this
 * host (a live pid wins, however long it was paused: Ctrl-Z, a debugger), or, for
 * an owner on another host sharing the cache, when its heartbeat is older than
 * 15 s. A lock is released only by its owner, and only while it still holds it.
 * No manual unlock command exists because none is needed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

interface Owner {
  pid: number;
  host: string;
  started: string;
  command: string;
  /** The kernel's start time of the owner process (Linux), so a reused pid is not taken for the owner. */
  pidStart?: string;
}

const STALE_MS = 15_000;
const BEAT_MS = 2_000;

export interface HeldLock {
  release(): void;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
function pidStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is in use: by the owner, unless the owner died and the pid was reused.
  const now = owner.pidStart && pidStart(owner.pid);
  return !now || now === owner.pidStart;
}

/** Why the lock at `dir` may be taken over, or undefined if its owner is alive. */
export function staleness(dir: string): string | undefined {
  let owner: Owner | undefined;
  let beat = 0;
  try {
    owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as Owner;
    beat = statSync(join(dir, 'owner.json')).mtimeMs;
  } catch {
    // Created but not yet written (or torn by a crash between mkdir and write): judge by the dir's age.
    try {
      beat = statSync(dir).mtimeMs;
    } catch {
      return 'gone';
    }
    return Date.now() - beat > STALE_MS ? 'no owner recorded' : undefined;
  }
  // On this host the process table is the truth: a live owner keeps its lock even if paused.
  if (owner.host === hostname()) return alive(owner) ? undefined : `owner pid ${owner.pid} is not running`;
  if (Date.now() - beat > STALE_MS) return `no heartbeat for ${Math.round((Date.now() - beat) / 1000)} s`;
  return undefined;
}

export function describeOwner(dir: string): string {
  try {
    const o = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as Owner;
    return `pid ${o.pid} on ${o.host} (${o.command}, since ${o.started})`;
  } catch {
    return 'another process';
  }
}

const ownerText = (dir: string): string | undefined => {
  try {
    return readFileSync(join(dir, 'owner.json'), 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Take the lock in one atomic step: the owner file is written into a private dir
 * first, which is then renamed to `lock` (rename fails if a lock with an owner
 * exists). So a kill at any point never leaves a lock without its owner.
 */
/** Remove a lock dir (it holds at most owner.json): two syscalls, not a recursive walk. */
function removeLockDir(d: string): void {
  try {
    unlinkSync(join(d, 'owner.json'));
  } catch {
    // absent
  }
  try {
    rmdirSync(d);
  } catch {
    rmSync(d, { recursive: true, force: true }); // something unexpected inside: fall back
  }
}

function tryTake(dir: string, owner: string): boolean {
  const mine = `${dir}.${process.pid}.tmp`;
  if (existsSync(mine)) removeLockDir(mine);
  mkdirSync(mine);
  writeFileSync(join(mine, 'owner.json'), owner);
  try {
    renameSync(mine, dir);
    return true;
  } catch (e) {
    removeLockDir(mine);
    if (['EEXIST', 'ENOTEMPTY', 'EPERM', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) return false;
    throw e;
  }
}

export async function acquireLock(cacheDir: string, command: string, onWait: (owner: string) => void): Promise<HeldLock> {
  const dir = join(cacheDir, 'lock');
  mkdirSync(cacheDir, { recursive: true });
  const owner: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command, pidStart: pidStart(process.pid) };
  const mine = JSON.stringify(owner);
  let told = false;
  while (!tryTake(dir, mine)) {
    const seen = ownerText(dir);
    const why = staleness(dir);
    if (why) {
      // Break it by renaming first: of two runs racing to break the same stale lock, only one rename wins.
      const grave = `${dir}.broken-${process.pid}`;
      try {
        renameSync(dir, grave);
        // If another run broke the stale lock and took a fresh one since we looked, we just
        // moved a live lock: give it back.
        if (ownerText(grave) !== seen) renameSync(grave, dir);
        rmSync(grave, { recursive: true, force: true });
      } catch {
        // someone else broke it first
      }
      continue;
    }
    if (!told) onWait(describeOwner(dir));
    told = true;
    await new Promise((r) => setTimeout(r, 250));
  }
  const file = join(dir, 'owner.json');
  const beat = setInterval(() => {
    // Never keep alive a lock that is no longer ours (broken from another host and retaken).
    if (ownerText(dir) !== mine) return;
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // lock dir removed under us: nothing sensible to do but carry on
    }
  }, BEAT_MS);
  beat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      // Only a lock that is still ours is removed (one broken from another host and retaken stays).
      // Nobody breaks a lock whose owner is alive and beating, so it cannot change between check and removal.
      if (ownerText(dir) === mine) removeLockDir(dir);
    },
  };
}
