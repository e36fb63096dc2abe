import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DatasetFormatError, idxImageSet, parseIdx } from '../../../science/datasets/index.ts';
import { gz, idxBytes } from './fixtures.ts';

const test = suite('science/datasets/parse-idx');

function throwsWith(fn: () => unknown, re: RegExp): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, DatasetFormatError);
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable('expected a DatasetFormatError');
}

test('plain and gzipped idx3 files parse to the same dims and bytes', () => {
  const plain = idxBytes([3, 4, 5]);
  for (const bytes of [plain, gz(plain)]) {
    const a = parseIdx(bytes, 'x');
    assert.equal(a.dims, [3, 4, 5]);
    assert.is(a.data.length, 60);
    assert.is(a.data[0], 3);
    assert.is(a.data[59], (59 * 7 + 3) % 256);
  }
});

test('images + labels → an ImageSet with d = rows·cols and byte scale', () => {
  const s = idxImageSet(parseIdx(idxBytes([2, 2, 3]), 'i'), parseIdx(idxBytes([2], [7, 1]), 'l'), { images: 'i', labels: 'l' });
  assert.is(s.n, 2);
  assert.is(s.d, 6);
  assert.is(s.max, 255);
  assert.equal(Array.from(s.labels), [7, 1]);
  assert.is(s.pixels[7], (7 * 7 + 3) % 256);
});

test('truncated file: error names the path and the expected size', () => {
  const b = idxBytes([10, 28, 28]);
  throwsWith(() => parseIdx(b.subarray(0, 1000), 'dir/train-images-idx3-ubyte'), /^dir\/train-images-idx3-ubyte: truncated: expected 7856 bytes \(header 16 \+ 10×28×28\), got 1000$/);
  throwsWith(() => parseIdx(b.subarray(0, 10), 'f'), /truncated: expected an idx header of 16 bytes, got 10/);
});

test('truncated gzip stream: error names the path', () => {
  const z = gz(idxBytes([10, 28, 28]));
  throwsWith(() => parseIdx(z.subarray(0, z.length - 20), 'a.gz'), /^a\.gz: expected a complete gzip stream/);
});

test('wrong magic and unsupported element type are rejected', () => {
  const b = idxBytes([2, 2, 2]);
  b[1] = 0x42;
  throwsWith(() => parseIdx(b, 'f'), /^f: not an idx file: expected magic 00 00 08 <ndim>, got 00 42 08 03$/);
  const c = idxBytes([2]);
  c[2] = 0x0d;
  throwsWith(() => parseIdx(c, 'g'), /unsupported idx element type 0xd: expected 0x08/);
});

test('label count and label range must match the images', () => {
  const img = parseIdx(idxBytes([3, 2, 2]), 'i');
  throwsWith(() => idxImageSet(img, parseIdx(idxBytes([2], [1, 2]), 'l'), { images: 'i', labels: 'l' }), /^l: expected 3 labels/);
  throwsWith(() => idxImageSet(img, parseIdx(idxBytes([3], [1, 2, 12]), 'l'), { images: 'i', labels: 'l' }), /label 2 is 12/);
  throwsWith(() => idxImageSet(parseIdx(idxBytes([3]), 'i'), img, { images: 'i', labels: 'l' }), /^i: expected an idx3 image file/);
});

test.run();
