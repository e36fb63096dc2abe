/**
 * Reading an upstream array costs its size once: `f32`/`f64`/`bytes` read the
 * object into one buffer of exactly its size and view it without copying.
 * Measured in a fresh process as its peak resident set (maxRSS) over its resident set before.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO } from './fixture.ts';

const test = suite('engine/upstream-read');
const MIB = 1 << 20;

test('a 96 MiB upstream Float32Array costs at most 1.2× its size in the reading process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repro-read-'));
  try {
    const file = join(dir, 'big.f32');
    const data = new Float32Array((96 * MIB) / 4);
    for (let i = 0; i < data.length; i += 1024) data[i] = i;
    writeFileSync(file, new Uint8Array(data.buffer));
    const script = `
      import { upstreamFrom } from ${JSON.stringify(join(REPO, 'engine', 'context.ts'))};
      const up = upstreamFrom('u', {}, { 'big.f32': ${JSON.stringify(file)} }, {});
      const before = process.memoryUsage().rss / 1024;
      const a = up.f32('big.f32');
      const after = process.resourceUsage().maxRSS;
      process.stdout.write(JSON.stringify({ kib: after - before, n: a.length, check: a[1024 * 5] }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { kib: number; n: number; check: number };
    assert.is(out.n, data.length);
    assert.is(out.check, 5120);
    const ratio = (out.kib * 1024) / (96 * MIB);
    assert.ok(ratio <= 1.2, `peak RSS grew by ${(out.kib / 1024).toFixed(0)} MiB = ${ratio.toFixed(2)}× the data`);
    assert.ok(ratio >= 0.9, `peak RSS grew by only ${ratio.toFixed(2)}× the data: the measurement is broken`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
