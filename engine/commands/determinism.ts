/**
 * `repro run --verify-determinism <targets>`: bring the targets up to date, then
 * rebuild them and their upstream from nothing in a scratch store, and compare
 * output hashes instance by instance. Names every instance whose outputs differ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlainReporter } from '../logging/plain.ts';
import type { OpenOptions } from '../project.ts';
import { readLock } from '../record.ts';
import { runCommand } from './run.ts';

export async function verifyDeterminism(o: OpenOptions & { targets: string[]; workerScript: string }): Promise<number> {
  const reporter = new PlainReporter();
  const common = { ...o, jobs: 1, dryRun: false, force: false, reporter, noGc: true };
  const first = await runCommand(common);
  if (first.failed.length) return 1;
  const scratch = mkdtempSync(join(tmpdir(), 'repro-determinism-'));
  try {
    const lockPath = join(scratch, 'repro.lock.json');
    const second = await runCommand({ ...common, cacheDir: join(scratch, 'cache'), lockPath });
    if (second.failed.length) return 1;
    const a = readLock(first.lockPath).instances;
    const b = readLock(lockPath).instances;
    const differing = Object.keys(b).filter((id) => a[id] && a[id]!.outputsHash !== b[id]!.outputsHash);
    for (const id of differing) {
      const names = Object.keys({ ...a[id]!.outputs, ...b[id]!.outputs }).filter((n) => a[id]!.outputs[n] !== b[id]!.outputs[n]);
      console.log(`NOT DETERMINISTIC ${id}: ${names.join(', ')}`);
    }
    console.log(`${Object.keys(b).length} instances rebuilt from scratch, ${differing.length} with different outputs`);
    return differing.length ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
