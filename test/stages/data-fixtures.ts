/** Params for the data-* stage tests: params.json's data section with the quick profile merged in. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge } from '../../engine/params.ts';
import type { Json } from '../../engine/stage.ts';
import { gz, idxBytes, syntheticImages } from '../science/datasets/fixtures.ts';

type Obj = { [k: string]: Json };

export function dataParams(overrides: Obj = {}): Obj {
  const all = JSON.parse(readFileSync('params.json', 'utf8')) as Obj;
  const quick = ((all.profiles as Obj).quick as Obj).data as Obj;
  return { seed: 1, data: deepMerge(deepMerge(all.data as Obj, quick), overrides) };
}

/** A temp dir with MNIST-named idx files of 8×8 images (train gzipped, t10k plain). */
export function idxDir(nTrain = 120, nTest = 30): string {
  const dir = mkdtempSync(join(tmpdir(), 'idx-'));
  const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 10);
  writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gz(idxBytes([nTrain, 8, 8], syntheticImages(nTrain, 64, 1))));
  writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), gz(idxBytes([nTrain], labels(nTrain))));
  writeFileSync(join(dir, 't10k-images-idx3-ubyte'), idxBytes([nTest, 8, 8], syntheticImages(nTest, 64, 2)));
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idxBytes([nTest], labels(nTest)));
  return dir;
}
