/**
 * The idx format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 *
 *   bytes 0–1  0x00 0x00
 *   byte  2    element type: 0x08 = unsigned byte (the only type MNIST-like files use)
 *   byte  3    number of dimensions k (3 for images n×28×28, 1 for labels n)
 *   then k big-endian uint32 sizes, then ∏ sizes elements, row-major.
 *
 * Files may be gzipped (`train-images-idx3-ubyte.gz`); the gzip magic is detected, not the name.
 * Only ubyte files are accepted: other element types are a clear error, not a silent misread.
 */
import { DatasetFormatError } from './dataset-error.ts';
import { gunzipIfNeeded } from './gunzip-if-needed.ts';
import type { ImageSet } from './image-set.ts';

export interface IdxArray {
  /** Sizes of each dimension, e.g. [60000, 28, 28]. */
  readonly dims: readonly number[];
  /** The ∏ dims elements, row-major (a view into the file's bytes). */
  readonly data: Uint8Array;
}

const UBYTE = 0x08;

/** Parse one idx file (plain or gzipped). `path` only names the file in errors. */
export function parseIdx(bytes: Uint8Array, path: string): IdxArray {
  const raw = gunzipIfNeeded(bytes, path);
  if (raw.length < 4) throw new DatasetFormatError(path, `truncated: expected an idx header of at least 4 bytes, got ${raw.length}`);
  if (raw[0] !== 0 || raw[1] !== 0) {
    const magic = Array.from(raw.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DatasetFormatError(path, `not an idx file: expected magic 00 00 08 <ndim>, got ${magic}`);
  }
  if (raw[2] !== UBYTE) {
    throw new DatasetFormatError(path, `unsupported idx element type 0x${raw[2]!.toString(16)}: expected 0x08 (unsigned byte)`);
  }
  const k = raw[3]!;
  if (k < 1) throw new DatasetFormatError(path, 'idx header declares 0 dimensions: expected at least 1');
  const header = 4 + 4 * k;
  if (raw.length < header) throw new DatasetFormatError(path, `truncated: expected an idx header of ${header} bytes, got ${raw.length}`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < k; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = header + count;
  if (raw.length !== expected) {
    const what = raw.length < expected ? 'truncated' : 'trailing bytes';
    throw new DatasetFormatError(path, `${what}: expected ${expected} bytes (header ${header} + ${dims.join('×')}), got ${raw.length}`);
  }
  return { dims, data: raw.subarray(header) };
}

/**
 * An image set from an idx image file (n × h × w) and its idx label file (n), checking that they
 * agree. Pixels keep the byte scale (max 255).
 */
export function idxImageSet(
  images: IdxArray,
  labels: IdxArray,
  paths: { images: string; labels: string },
): ImageSet {
  if (images.dims.length !== 3) {
    throw new DatasetFormatError(paths.images, `expected an idx3 image file (n × rows × cols), got ${images.dims.length} dimensions`);
  }
  if (labels.dims.length !== 1) {
    throw new DatasetFormatError(paths.labels, `expected an idx1 label file (n), got ${labels.dims.length} dimensions`);
  }
  const [n, h, w] = images.dims as [number, number, number];
  if (labels.dims[0] !== n) {
    throw new DatasetFormatError(paths.labels, `expected ${n} labels (as many as images in ${paths.images}), got ${labels.dims[0]}`);
  }
  for (let i = 0; i < n; i++) {
    if (labels.data[i]! > 9) throw new DatasetFormatError(paths.labels, `label ${i} is ${labels.data[i]}: expected a class in 0…9`);
  }
  return { n, d: h * w, pixels: Float64Array.from(images.data), labels: Uint8Array.from(labels.data), max: 255 };
}
