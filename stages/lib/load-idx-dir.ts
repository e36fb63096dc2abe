/** The four standard idx files of an MNIST-like directory (plain or .gz), parsed and hashed. */
import { idxImageSet, parseIdx, type ImageSet } from '../../science/datasets/index.ts';
import { findIn, readSource } from './data-output.ts';

function loadPart(dir: string, part: 'train' | 't10k', sources: Record<string, string>): ImageSet {
  const imgBase = `${part}-images-idx3-ubyte`;
  const lblBase = `${part}-labels-idx1-ubyte`;
  const images = findIn(dir, [imgBase, `${imgBase}.gz`]);
  const labels = findIn(dir, [lblBase, `${lblBase}.gz`]);
  return idxImageSet(
    parseIdx(readSource(images, 'an idx3 image file', sources), images),
    parseIdx(readSource(labels, 'an idx1 label file', sources), labels),
    { images, labels },
  );
}

export function loadIdxDir(dir: string, sources: Record<string, string>): { train: ImageSet; test: ImageSet } {
  return { train: loadPart(dir, 'train', sources), test: loadPart(dir, 't10k', sources) };
}
