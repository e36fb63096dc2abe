/**
 * The 8×8 optical digits CSV as distributed with scikit-learn (`digits.csv.gz`, UCI "Optical
 * Recognition of Handwritten Digits", 1797 rows): each line holds 64 pixel counts 0…16 then the
 * label 0…9, comma-separated. Plain or gzipped (detected by the gzip magic).
 */
import { DatasetFormatError } from './dataset-error.ts';
import { gunzipIfNeeded } from './gunzip-if-needed.ts';
import type { ImageSet } from './image-set.ts';

const D = 64;

/** Parse the digits CSV. `path` only names the file in errors. */
export function parseDigitsCsv(bytes: Uint8Array, path: string): ImageSet {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(gunzipIfNeeded(bytes, path));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new DatasetFormatError(path, 'empty: expected rows of 64 pixels and a label');
  const n = lines.length;
  const pixels = new Float64Array(n * D);
  const labels = new Uint8Array(n);
  lines.forEach((line, i) => {
    const f = line.split(',');
    if (f.length !== D + 1) {
      throw new DatasetFormatError(path, `line ${i + 1}: expected ${D + 1} comma-separated fields (64 pixels, label), got ${f.length}`);
    }
    for (let j = 0; j <= D; j++) {
      const v = Number(f[j]);
      const max = j < D ? 16 : 9;
      if (!Number.isInteger(v) || v < 0 || v > max) {
        throw new DatasetFormatError(path, `line ${i + 1}, field ${j + 1}: expected an integer in 0…${max}, got '${f[j]}'`);
      }
      if (j < D) pixels[i * D + j] = v;
      else labels[i] = v;
    }
  });
  return { n, d: D, pixels, labels, max: 16 };
}
