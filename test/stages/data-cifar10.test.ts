import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runStage } from '../../engine/testing.ts';
import dataCifar10 from '../../stages/data-cifar10.ts';
import { dataParams } from './data-fixtures.ts';

const test = suite('stages/data-cifar10');

/**
 * Five train batches of 4 records and a test batch of 3. Only the first 16 pixels of each plane
 * vary (the rest are 0), so the covariance has 16 non-zero rows and the test stays fast.
 * Record r of the train set has label r % 10 and red pixel 0 equal to r (for checking selection).
 */
function cifarDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cifar-'));
  const batch = (first: number, n: number) => {
    const b = new Uint8Array(n * 3073);
    for (let i = 0; i < n; i++) {
      const r = first + i;
      b[i * 3073] = r % 10;
      for (let c = 0; c < 3; c++) for (let j = 0; j < 16; j++) b[i * 3073 + 1 + c * 1024 + j] = (r * (7 + c) + j * j * (r % 3 + 1)) % 256;
      b[i * 3073 + 1] = r;
    }
    return b;
  };
  for (let k = 0; k < 5; k++) writeFileSync(join(dir, `data_batch_${k + 1}.bin`), batch(4 * k, 4));
  writeFileSync(join(dir, 'test_batch.bin'), batch(100, 3));
  return dir;
}

test('gray: 5 train batches + test batch → d = 1024, labels in record order, source hashes', async () => {
  const dir = cifarDir();
  const run = await runStage(dataCifar10, { params: dataParams({ cifar10: { dir, nTrain: 0, nTest: 0, color: 'gray' } }), instance: { prep: 'raw' } });
  const meta = run.json<{ n_train: number; n_test: number; d: number; sources: Record<string, string>; trace: number }>('meta.json');
  assert.is(meta.n_train, 20);
  assert.is(meta.n_test, 3);
  assert.is(meta.d, 1024);
  assert.is(Object.keys(meta.sources).length, 6);
  assert.ok(Math.abs(meta.trace - 1024) < 1e-8);
  assert.equal(run.json<number[]>('labels-train.json'), Array.from({ length: 20 }, (_, r) => r % 10));
});

test('row caps choose rows across batches (streaming) and keep labels aligned', async () => {
  const dir = cifarDir();
  const run = await runStage(dataCifar10, { params: dataParams({ cifar10: { dir, nTrain: 7, nTest: 2, color: 'rgb' } }), instance: { prep: 'raw' } });
  const meta = run.json<{ n_train: number; n_test: number; d: number; scale: number }>('meta.json');
  assert.is(meta.n_train, 7);
  assert.is(meta.n_test, 2);
  assert.is(meta.d, 3072);
  // Recover each chosen record's index r from red pixel 0 (= r/255 before centring) and check its label.
  const train = run.f64('train.f64');
  const mean = run.f64('mean.f64');
  const labels = run.json<number[]>('labels-train.json');
  const rs = labels.map((_, i) => Math.round((train[i * 3072]! / meta.scale + mean[0]!) * 255));
  rs.forEach((r, i) => assert.is(labels[i], r % 10));
  assert.equal([...rs].sort((a, b) => a - b), rs); // file order kept
  assert.ok(new Set(rs.map((r) => Math.floor(r / 4))).size > 1, 'rows from several batches');
});

test('a truncated batch fails the stage naming the file', async () => {
  const dir = cifarDir();
  writeFileSync(join(dir, 'data_batch_3.bin'), new Uint8Array(3073 + 100));
  try {
    await runStage(dataCifar10, { params: dataParams({ cifar10: { dir } }), instance: { prep: 'pca' } });
    assert.unreachable('expected a failure');
  } catch (e) {
    assert.match((e as Error).message, /data_batch_3\.bin: truncated or not a CIFAR-10 batch: expected a positive multiple of 3073-byte records, got 3173 bytes/);
  }
});

test.run();
