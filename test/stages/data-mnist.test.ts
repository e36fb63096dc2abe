import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runStage } from '../../engine/testing.ts';
import dataCifar10 from '../../stages/data-cifar10.ts';
import dataFashion from '../../stages/data-fashion-mnist.ts';
import dataMnist from '../../stages/data-mnist.ts';
import { dataParams, idxDir } from './data-fixtures.ts';

const test = suite('stages/data-mnist');

test('idx directory (train .gz, t10k plain): pca variant whitens and records source hashes', async () => {
  const dir = idxDir();
  const params = dataParams({ mnist: { dir, nTrain: 0, nTest: 0 } });
  const run = await runStage(dataMnist, { params, instance: { prep: 'pca' } });
  const meta = run.json<{ n_train: number; n_test: number; d: number; kept: number; sources: Record<string, string> }>('meta.json');
  assert.is(meta.n_train, 120);
  assert.is(meta.n_test, 30);
  assert.is(meta.d, meta.kept);
  assert.ok(meta.kept <= 56); // the 8 pixels with j % 8 = 0 are constant zero
  assert.equal(Object.keys(meta.sources).sort(), ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'].map((f) => join(dir, f)));
  assert.is(run.f64('train.f64').length, 120 * meta.d);

  // Replacing a dataset file changes meta.json (hence its hash, hence the consumers' keys).
  const before = readFileSync(run.path('meta.json'), 'utf8');
  const t = join(dir, 't10k-labels-idx1-ubyte');
  const bytes = readFileSync(t);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 10;
  writeFileSync(t, bytes);
  const again = await runStage(dataMnist, { params, instance: { prep: 'pca' } });
  assert.is.not(readFileSync(again.path('meta.json'), 'utf8'), before);
});

test('a truncated idx file fails the stage with the path and the expected size', async () => {
  const dir = idxDir();
  const f = join(dir, 't10k-images-idx3-ubyte');
  writeFileSync(f, readFileSync(f).subarray(0, 500));
  const params = dataParams({ mnist: { dir } });
  try {
    await runStage(dataMnist, { params, instance: { prep: 'raw' } });
    assert.unreachable('expected a failure');
  } catch (e) {
    assert.match((e as Error).message, new RegExp(`^${f}: truncated: expected 1936 bytes \\(header 16 \\+ 30×8×8\\), got 500$`));
  }
});

test('a missing idx file fails with the names that were looked for', async () => {
  const params = dataParams({ mnist: { dir: '/nonexistent-mnist' } });
  try {
    await runStage(dataMnist, { params, instance: { prep: 'raw' } });
    assert.unreachable('expected a failure');
  } catch (e) {
    assert.match((e as Error).message, /missing: expected one of train-images-idx3-ubyte, train-images-idx3-ubyte\.gz in \/nonexistent-mnist/);
  }
});

test('Fashion-MNIST and CIFAR-10 without a directory are skipped, not failed', async () => {
  for (const [stage, key] of [[dataFashion, 'fashionMnist'], [dataCifar10, 'cifar10']] as const) {
    const run = await runStage(stage, { params: dataParams({ [key]: { dir: '/nonexistent-data' } }), instance: { prep: 'pca' } });
    assert.equal(run.files, ['meta.json']);
    const meta = run.json<{ available: boolean; reason: string }>('meta.json');
    assert.is(meta.available, false);
    assert.match(meta.reason, /\/nonexistent-data does not exist/);
  }
});

test('Fashion-MNIST from an idx directory gives the same arrays as the MNIST loader would', async () => {
  const dir = idxDir(60, 20);
  const a = await runStage(dataFashion, { params: dataParams({ fashionMnist: { dir, nTrain: 50, nTest: 0 } }), instance: { prep: 'raw' } });
  const meta = a.json<{ n_train: number; n_test: number; name: string; trace: number }>('meta.json');
  assert.is(meta.name, 'fashion-mnist');
  assert.is(meta.n_train, 50);
  assert.is(meta.n_test, 20);
  assert.ok(Math.abs(meta.trace - 64) < 1e-9);
});

test.run();
