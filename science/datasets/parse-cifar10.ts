/**
 * The CIFAR-10 binary format (https://www.cs.toronto.edu/~kriz/cifar.html): each batch file
 * (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`, 10,000 records each) is a sequence
 * of 3073-byte records
 *
 *   byte 0         label 0…9
 *   bytes 1…1024   red channel, 32×32 row-major
 *   bytes 1025…    green, then blue (1024 each)
 *
 * `color: 'rgb'` keeps the 3072 bytes in that (channel-major) order; `'gray'` gives d = 1024 with
 * the ITU-R BT.601 luma Y = 0.299 R + 0.587 G + 0.114 B (what PIL's convert('L') uses, before its
 * rounding), so P1 E5's "grayscale CIFAR, d = 1024" is well defined. The format has no magic
 * number: a length that is not a multiple of 3073 (truncated) or a label byte above 9 is the error.
 */
import { DatasetFormatError } from './dataset-error.ts';
import type { ImageSet } from './image-set.ts';

export const CIFAR10_RECORD_BYTES = 3073;
const PLANE = 1024;

export interface ParseCifar10Options {
  /** Grayscale (d = 1024) or RGB (d = 3072). @default 'gray' */
  color?: 'gray' | 'rgb';
}

/** Parse one CIFAR-10 binary batch. `path` only names the file in errors. */
export function parseCifar10(bytes: Uint8Array, path: string, options: ParseCifar10Options = {}): ImageSet {
  const { color = 'gray' } = options;
  if (color !== 'gray' && color !== 'rgb') throw new RangeError(`parseCifar10: color must be 'gray' or 'rgb', got ${String(color)}`);
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    const whole = Math.floor(bytes.length / CIFAR10_RECORD_BYTES);
    throw new DatasetFormatError(
      path,
      `truncated or not a CIFAR-10 batch: expected a positive multiple of ${CIFAR10_RECORD_BYTES}-byte records, got ${bytes.length} bytes (${whole} records + ${bytes.length - whole * CIFAR10_RECORD_BYTES})`,
    );
  }
  const n = bytes.length / CIFAR10_RECORD_BYTES;
  const d = color === 'gray' ? PLANE : 3 * PLANE;
  const pixels = new Float64Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * CIFAR10_RECORD_BYTES;
    const label = bytes[at]!;
    if (label > 9) throw new DatasetFormatError(path, `record ${i} has label byte ${label}: expected a class in 0…9 (is this a CIFAR-10 binary batch?)`);
    labels[i] = label;
    const rec = bytes.subarray(at + 1, at + CIFAR10_RECORD_BYTES);
    if (color === 'rgb') {
      for (let j = 0; j < d; j++) pixels[i * d + j] = rec[j]!;
    } else {
      for (let j = 0; j < PLANE; j++) {
        pixels[i * d + j] = 0.299 * rec[j]! + 0.587 * rec[PLANE + j]! + 0.114 * rec[2 * PLANE + j]!;
      }
    }
  }
  return { n, d, pixels, labels, max: 255 };
}
