/**
 * A small JSON file under `cache/state/`, written atomically (temp file + rename)
 * so that a crash mid-write leaves the previous version, never a torn file.
 * Unreadable content is treated as absent: state files are caches, never truth.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class StateFile<T> {
  constructor(readonly path: string) {}

  read(): T | undefined {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  write(value: T, pretty = false): void {
    writeAtomic(this.path, JSON.stringify(value, null, pretty ? 2 : undefined) + '\n');
  }
}

export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
