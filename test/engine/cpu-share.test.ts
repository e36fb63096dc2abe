/**
 * Cores follow the work: under `-j 2` each running instance gets ⌊cpus/2⌋ (`ctx.cpus`); when one
 * finishes and nothing waits, the pool tells the other its new share (`ctx.onCpusChange`), and a
 * stage's compute backend runs its products on that many threads — the addon's fixed partition
 * (native/gemm-blocked.cc), never OpenBLAS's own threading, whose results depend on its thread
 * count: output bytes must not depend on scheduling.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CpuShare } from '../../engine/context.ts';
import { WorkerPool } from '../../engine/worker-pool.ts';
import type { Job } from '../../engine/worker-protocol.ts';
import { nativeAddon } from '../../science/numerics/compute-native.ts';
import { computeThreads } from '../../science/numerics/compute.ts';
import { stageCompute } from '../../stages/lib/compute.ts';
import { REPO, ensureBuilt } from './fixture.ts';

const test = suite('engine/cpu-share');

const LONG = `export default { name: 'long', async run(ctx) {
  const seen = [ctx.cpus];
  await new Promise((resolve, reject) => {
    const off = ctx.onCpusChange((c) => { seen.push(c); if (c === 4) { off(); resolve(); } });
    setTimeout(() => reject(new Error('no new share within 20 s; saw ' + seen.join(', '))), 20000);
  });
  ctx.writeJson('seen.json', seen);
} };
`;
const SHORT = `export default { name: 'short', async run(ctx) {
  await new Promise((r) => setTimeout(r, 300));
  ctx.writeJson('seen.json', [ctx.cpus]);
} };
`;

test('-j 2 on 4 cores: both start with 2; when one finishes the other is told 4', async () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'repro-cpus-'));
  const pool = new WorkerPool(2, join(REPO, 'dist', 'worker.mjs'), dir, 4);
  try {
    writeFileSync(join(dir, 'long.mjs'), LONG);
    writeFileSync(join(dir, 'short.mjs'), SHORT);
    const job = (name: string): Job => ({ bundle: join(dir, `${name}.mjs`), id: name, instance: {}, params: {}, seed: 1, dir: join(dir, `out-${name}`), upstream: {} });
    const [long, short] = await Promise.all([pool.run(job('long'), () => {}), pool.run(job('short'), () => {})]);
    assert.is(long.type, 'done', long.type === 'failed' ? long.message : '');
    assert.is(short.type, 'done');
    const seen = (name: string) => JSON.parse(readFileSync(join(dir, `out-${name}`, 'seen.json'), 'utf8')) as number[];
    assert.equal(seen('short'), [2]);
    assert.equal(seen('long'), [2, 4]);
  } finally {
    pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stage compute backend follows ctx.cpus; OpenBLAS stays on one thread and the bytes do not follow the share', async () => {
  const share = new CpuShare(1);
  const facts: Record<string, unknown> = {};
  const ctx = { get cpus() { return share.value; }, onCpusChange: (l: (n: number) => void) => share.listen(l), record: (f: object) => Object.assign(facts, f) };
  const compute = await stageCompute(ctx);
  assert.is(computeThreads(), 1);
  const addon = nativeAddon();
  const native = compute.backend === 'native' && addon.ok ? addon.addon : undefined;
  if (native) {
    assert.is(native.getThreads(), 1);
    assert.is(native.gemmThreads(), 1);
  }
  assert.match(String(facts.compute), /^(native|wasm) \(/);
  share.set(2);
  assert.is(computeThreads(), 2);
  if (native) {
    await new Promise((r) => setImmediate(r));
    assert.is(compute.threads, 2);
    assert.is(native.gemmThreads(), 2, 'the products run on the new share');
    assert.is(native.getThreads(), 1, 'OpenBLAS itself stays on one thread');
    // The bytes of a product must not depend on the share (OpenBLAS's do on its thread count).
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const [m, n, k] = [256, 2000, 100];
    assert.ok(native.gemmBlocks(m, n, k).blocks >= 2, 'the product is split, so both shares run the threaded path');
    const A = Float32Array.from({ length: m * k }, rnd);
    const B = Float32Array.from({ length: k * n }, rnd);
    const product = () => {
      const C = new Float32Array(m * n);
      compute.sgemm(false, false, m, n, k, 1, A, B, 0, C);
      return Buffer.from(C.buffer);
    };
    const two = product();
    share.set(1);
    await new Promise((r) => setImmediate(r));
    assert.is(native.gemmThreads(), 1);
    assert.ok(two.equals(product()), 'sgemm bytes differ between CPU shares 2 and 1');
  }
});

test.run();
