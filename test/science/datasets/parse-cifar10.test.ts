import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DatasetFormatError, parseCifar10 } from '../../../science/datasets/index.ts';
import { cifarBytes } from './fixtures.ts';

const test = suite('science/datasets/parse-cifar10');

test('RGB keeps the 3072 channel-major bytes and the labels', () => {
  const s = parseCifar10(cifarBytes(3), 'b', { color: 'rgb' });
  assert.is(s.n, 3);
  assert.is(s.d, 3072);
  assert.equal(Array.from(s.labels), [0, 1, 2]);
  // Record 2: R = 2 + j, G = 4 + j, B = 6 + j.
  assert.is(s.pixels[2 * 3072 + 5], 7);
  assert.is(s.pixels[2 * 3072 + 1024 + 5], 9);
  assert.is(s.pixels[2 * 3072 + 2048 + 5], 11);
});

test('gray is the BT.601 luma, d = 1024', () => {
  const s = parseCifar10(cifarBytes(3), 'b');
  assert.is(s.d, 1024);
  assert.ok(Math.abs(s.pixels[2 * 1024 + 5]! - (0.299 * 7 + 0.587 * 9 + 0.114 * 11)) < 1e-12);
});

test('truncated batch and a bad label byte are clear errors', () => {
  const b = cifarBytes(2);
  try {
    parseCifar10(b.subarray(0, 5000), 'data_batch_1.bin');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DatasetFormatError);
    assert.match((e as Error).message, /^data_batch_1\.bin: truncated or not a CIFAR-10 batch: expected a positive multiple of 3073-byte records, got 5000 bytes \(1 records \+ 1927\)$/);
  }
  b[3073] = 200;
  assert.throws(() => parseCifar10(b, 'x.bin'), /x\.bin: record 1 has label byte 200/);
  assert.throws(() => parseCifar10(new Uint8Array(0), 'e.bin'), /e\.bin: truncated/);
});

test.run();
